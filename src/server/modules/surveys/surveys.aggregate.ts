import type { Answers, QuestionResult, Section, Severity } from '../../../shared/schemas/surveys.ts';
import { socTitle } from '../codes/codes.service.ts';

// Survey results, combined across employers. Pure: the service reads the answers (without names) and
// this sums them, so the numbers are tested without a database. Free text is never aggregated here:
// it can name people, so it stays in the individual responses that only survey managers see.

type Occupation = { total: number; employers: number; severity: Record<Severity, number> };

const byCountDesc = <T extends { count: number; label?: string }>(a: T, b: T) =>
  b.count - a.count || (a.label ?? '').localeCompare(b.label ?? '');

export function aggregate(sections: Section[], responses: Answers[]): QuestionResult[] {
  const out: QuestionResult[] = [];
  for (const s of sections) {
    for (const q of s.questions) {
      const given = responses.map((r) => r[q.id]).filter((a) => a !== undefined);
      const result: QuestionResult = { questionId: q.id, sectionTitle: s.title, prompt: q.prompt, kind: q.kind, answered: given.length };
      const occupations = new Map<string, Occupation>();
      const occ = (code: string) => {
        let o = occupations.get(code);
        if (!o) {
          o = { total: 0, employers: 0, severity: { minor: 0, moderate: 0, severe: 0 } };
          occupations.set(code, o);
        }
        return o;
      };
      const counts = new Map<string, number>();
      const bump = (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1);
      const skills = new Map<string, number>();
      const numbers: number[] = [];
      for (const a of given) {
        switch (a.kind) {
          case 'hiring_projection':
            for (const i of a.items) {
              const o = occ(i.socCode);
              o.total += i.count;
              o.employers += 1;
            }
            break;
          case 'skills_gap':
            for (const i of a.items) {
              const o = occ(i.socCode);
              o.total += 1;
              o.employers += 1;
              o.severity[i.severity] += 1;
              for (const skill of i.skills) {
                const k = `${i.socCode}\u0000${skill}`;
                skills.set(k, (skills.get(k) ?? 0) + 1);
              }
              // Write-ins are counted as "Other", not shown verbatim.
              if (i.other) skills.set(`${i.socCode}\u0000Other`, (skills.get(`${i.socCode}\u0000Other`) ?? 0) + 1);
            }
            break;
          case 'hard_to_fill':
            for (const i of a.items) {
              const o = occ(i.socCode);
              o.total += 1;
              o.employers += 1;
              for (const r of i.reasons) bump(r);
              if (i.other) bump('Other');
            }
            break;
          case 'single_choice':
            bump(a.choice);
            break;
          case 'number':
            numbers.push(a.value);
            break;
          case 'text':
            break;
        }
      }
      if (q.kind === 'hiring_projection' || q.kind === 'skills_gap' || q.kind === 'hard_to_fill') {
        result.occupations = [...occupations]
          .map(([socCode, o]) => ({
            socCode,
            title: socTitle(socCode) ?? socCode,
            total: o.total,
            employers: o.employers,
            ...(q.kind === 'skills_gap' ? { severity: o.severity } : {}),
          }))
          .sort((a, b) => b.total - a.total || a.socCode.localeCompare(b.socCode));
      }
      if (q.kind === 'skills_gap') {
        result.skills = [...skills]
          .map(([k, count]) => {
            const [socCode, skill] = k.split('\u0000');
            return { socCode, title: socTitle(socCode) ?? socCode, skill, count };
          })
          .sort((a, b) => a.socCode.localeCompare(b.socCode) || b.count - a.count || a.skill.localeCompare(b.skill));
      }
      if (q.kind === 'hard_to_fill') result.counts = [...counts].map(([label, count]) => ({ label, count })).sort(byCountDesc);
      if (q.kind === 'single_choice') {
        result.counts = q.options.map((label) => ({ label, count: counts.get(label) ?? 0 }));
      }
      if (q.kind === 'number' && numbers.length > 0) {
        const sum = numbers.reduce((x, y) => x + y, 0);
        result.stats = { sum, mean: Math.round((sum / numbers.length) * 10) / 10, min: Math.min(...numbers), max: Math.max(...numbers) };
      }
      out.push(result);
    }
  }
  return out;
}
