import { Alert, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HOUSEHOLD_TYPES, type LivingWage, livingWageBody } from '../../../shared/schemas/employers.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { usePermissions } from '../auth/session.ts';
import { searchCounties } from '../organizations/organizations.api.ts';
import { dollars, livingWagesQuery, setLivingWage } from './employers.api.ts';

// The living-wage table (per county and household type). Job-quality scores read it every time they
// are computed, so a change here moves the score of every job order in the county at once.

interface Values {
  countyFips: string;
  householdType: string;
  hourly: number | string;
  source: string;
}
const toBody = (v: Values) => ({
  countyFips: v.countyFips,
  householdType: v.householdType,
  hourlyCents: v.hourly === '' ? undefined : Math.round(Number(v.hourly) * 100),
  source: v.source.trim() === '' ? null : v.source.trim(),
});

interface CountyRow {
  fips: string;
  name: string;
  wages: Partial<Record<(typeof HOUSEHOLD_TYPES)[number], LivingWage>>;
}

export function LivingWagesPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const manage = can('living_wages.manage');
  const qc = useQueryClient();
  const table = useQuery(livingWagesQuery);
  const [county, setCounty] = useState<Option | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    initialValues: { countyFips: '', householdType: '1A0C', hourly: '', source: '' },
    validateInputOnBlur: true,
    validate: (v) => {
      const errors = zodErrors(livingWageBody, toBody(v));
      if ('hourlyCents' in errors) return { ...errors, hourly: errors.hourlyCents } as never;
      return errors as never;
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) => setLivingWage(toBody(v) as never),
    onSuccess: async (rows) => {
      qc.setQueryData(livingWagesQuery.queryKey, rows);
      // Every job order's score depends on this table.
      await qc.invalidateQueries({ queryKey: ['job-orders'] });
      await qc.invalidateQueries({ queryKey: ['employers'] });
      setSaved(true);
    },
    onError: (e) => showServerErrors(form, e),
  });
  const rows = useMemo(() => {
    const byCounty = new Map<string, CountyRow>();
    for (const w of table.data ?? []) {
      const row = byCounty.get(w.countyFips) ?? { fips: w.countyFips, name: w.countyName ?? w.countyFips, wages: {} };
      row.wages[w.householdType] = w;
      byCounty.set(w.countyFips, row);
    }
    return [...byCounty.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [table.data]);

  const pick = (row: CountyRow, household: string) => {
    const w = row.wages[household as keyof CountyRow['wages']];
    setCounty({ value: row.fips, label: `${row.fips} — ${row.name}` });
    form.setValues({
      countyFips: row.fips,
      householdType: household,
      hourly: w ? w.hourlyCents / 100 : '',
      source: w?.source ?? '',
    });
    setSaved(false);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#living-wage-form input[inputmode]')?.focus());
  };

  return (
    <>
      <PageHeader title={t('employers.livingWages.title')} description={t('employers.livingWages.description')} />
      <Stack>
        <Alert>{t('employers.livingWages.effect')}</Alert>
        {manage ? (
          <Paper withBorder p="lg" component="section" aria-labelledby="living-wage-set" id="living-wage-form">
            <Title order={2} size="h4" id="living-wage-set" mb="md">
              {t('employers.livingWages.set')}
            </Title>
            <form noValidate aria-label={t('employers.livingWages.set')} onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
              <Stack>
                {save.error && <ErrorAlert error={save.error} />}
                {saved && !save.error && (
                  <Alert color="green" role="status">
                    {t('employers.livingWages.saved')}
                  </Alert>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                  <RemoteSelect
                    label={t('employers.livingWages.county')}
                    required
                    value={form.values.countyFips || null}
                    selected={county}
                    queryKey={['codes', 'counties']}
                    search={(q) => searchCounties(q, null)}
                    onChange={(o) => {
                      setCounty(o);
                      form.setFieldValue('countyFips', o?.value ?? '');
                    }}
                    error={form.errors.countyFips}
                  />
                  <NativeSelect
                    label={t('employers.livingWages.householdType')}
                    data={HOUSEHOLD_TYPES.map((h) => ({ value: h, label: `${h} — ${t(`employers.livingWages.households.${h}`)}` }))}
                    {...form.getInputProps('householdType')}
                  />
                  <NumberInput
                    label={t('employers.livingWages.hourly')}
                    required
                    prefix="$"
                    min={0}
                    decimalScale={2}
                    {...form.getInputProps('hourly')}
                    onChange={(v) => {
                      setSaved(false);
                      form.setFieldValue('hourly', v);
                    }}
                  />
                  <TextInput label={t('employers.livingWages.source')} {...form.getInputProps('source')} />
                </SimpleGrid>
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    {t('employers.livingWages.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        ) : (
          <Alert color="gray">{t('employers.livingWages.readOnly')}</Alert>
        )}
        <Paper withBorder p="lg" component="section" aria-labelledby="living-wage-table">
          <Title order={2} size="h4" id="living-wage-table" mb="md">
            {t('employers.livingWages.title')}
          </Title>
          <QueryState query={table}>
            {() =>
              rows.length === 0 ? (
                <EmptyState title={t('employers.livingWages.emptyTitle')}>{t('employers.livingWages.empty')}</EmptyState>
              ) : (
                <Table.ScrollContainer minWidth={760}>
                  <Table striped>
                    <Table.Caption className="visually-hidden">{t('employers.livingWages.title')}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('employers.livingWages.county')}</Table.Th>
                        {HOUSEHOLD_TYPES.map((h) => (
                          <Table.Th scope="col" key={h}>
                            <abbr title={t(`employers.livingWages.households.${h}`)}>{h}</abbr>
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((row) => (
                        <Table.Tr key={row.fips}>
                          <Table.Th scope="row">{`${row.name} (${row.fips})`}</Table.Th>
                          {HOUSEHOLD_TYPES.map((h) => {
                            const w = row.wages[h];
                            const text = w ? dollars(w.hourlyCents) : '—';
                            return (
                              <Table.Td key={h}>
                                {manage ? (
                                  <Button
                                    size="compact-sm"
                                    variant="subtle"
                                    onClick={() => pick(row, h)}
                                    aria-label={`${t('employers.livingWages.editRow', {
                                      county: row.name,
                                      household: t(`employers.livingWages.households.${h}`),
                                    })}: ${text}`}
                                  >
                                    {text}
                                  </Button>
                                ) : (
                                  text
                                )}
                              </Table.Td>
                            );
                          })}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </QueryState>
        </Paper>
      </Stack>
    </>
  );
}
