import { describe, expect, it } from 'vitest';
import { toPirl } from '../../../shared/schemas/participants.ts';
import { parseRow, readHeader } from './pirl.rows.ts';

// The intake's PIRL mapping and the PIRL import must name the same elements: a record written from an
// intake has to read back as the same person when a state file is imported.
describe('intake → PIRL elements', () => {
  const intake = {
    id: 'P-1001',
    stateCode: 'OH',
    countyFips: '39035',
    dateOfBirth: '1990-02-28',
    sex: 'female' as const,
    hispanic: 'yes' as const,
    race: ['asian' as const, 'white' as const],
    schoolStatus: 'not_in_school_graduate' as const,
    barriers: ['long_term_unemployed' as const, 'foster_care_youth' as const],
    publicAssistance: ['snap' as const],
  };

  it('writes the element numbers of the current layout', () => {
    const pirl = toPirl(intake);
    expect(pirl).toMatchObject({
      '100': 'P-1001',
      '101': 'OH',
      '102': '035',
      '200': '19900228',
      '201': '2',
      '210a': '1',
      '210b': '0',
      '210c': '1',
      '210f': '1',
      '409': '5',
      '402': '1',
      '704': '1',
      '600': '0',
      '603': '1',
    });
    // 401 is UC eligibility status and 407 the highest school grade: not what these fields mean.
    expect(pirl['401']).toBeUndefined();
    expect(pirl['407']).toBeUndefined();
  });

  it('reads back through the PIRL import as the same person', () => {
    const pirl: Record<string, string> = { ...toPirl(intake), '900': '20250701' };
    const cols = Object.keys(pirl);
    const { header, errors } = readHeader(cols);
    expect(errors).toEqual([]);
    const { row, errors: rowErrors } = parseRow(
      header,
      cols.map((c) => pirl[c] ?? ''),
      2,
    );
    expect(rowErrors).toEqual([]);
    expect(row).toMatchObject({ pirlId: 'P-1001', dob: '1990-02-28', sex: 'female', hispanic: 'yes', race: ['asian', 'white'] });
  });
});
