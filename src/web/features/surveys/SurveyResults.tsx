import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { QuestionResult } from '../../../shared/schemas/surveys.ts';
import { Chart } from '../../ui/Chart.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useFormat } from '../../ui/format.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { resultsQuery } from './surveys.api.ts';

const SEVERITY_COLORS = { severe: '#c92a2a', moderate: '#e67700', minor: '#1971c2' } as const;
const SHOWN = 12;

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="md">
      <Text c="dimmed">{label}</Text>
      <Text fz={32} fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** Horizontal bars: the easiest to read with long occupation names. */
function bars(labels: string[], series: { name: string; data: number[]; color?: string }[], stacked = false) {
  return {
    tooltip: { trigger: 'axis' as const },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 220, right: 24, top: series.length > 1 ? 32 : 8, bottom: 24 },
    yAxis: { type: 'category' as const, data: labels, inverse: true, axisLabel: { width: 200, overflow: 'truncate' as const } },
    xAxis: { type: 'value' as const, minInterval: 1 },
    series: series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      data: s.data,
      itemStyle: s.color ? { color: s.color } : undefined,
      ...(stacked ? { stack: 'all' } : {}),
    })),
  };
}

function QuestionResultView({ q }: { q: QuestionResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = `result-${q.questionId}`;
  const occupations = (q.occupations ?? []).slice(0, SHOWN);
  const occLabels = occupations.map((o) => `${o.title} (${o.socCode})`);
  let body: React.ReactNode = null;
  if (q.answered === 0) {
    body = <Text c="dimmed">{t('surveys.results.noAnswers')}</Text>;
  } else if (q.kind === 'hiring_projection') {
    const label = t('surveys.results.hiringChart', { prompt: q.prompt });
    body = (
      <Chart
        label={label}
        height={Math.max(160, occupations.length * 34 + 40)}
        option={bars(occLabels, [{ name: t('surveys.results.hires'), data: occupations.map((o) => o.total) }])}
        table={{
          columns: [t('surveys.results.occupation'), t('surveys.results.hires'), t('surveys.results.employers')],
          rows: occupations.map((o, i) => [occLabels[i], o.total, o.employers]),
        }}
      />
    );
  } else if (q.kind === 'skills_gap') {
    const severities = ['severe', 'moderate', 'minor'] as const;
    const skills = q.skills ?? [];
    body = (
      <Stack>
        <Chart
          label={t('surveys.results.gapsChart')}
          height={Math.max(180, occupations.length * 34 + 60)}
          option={bars(
            occLabels,
            severities.map((s) => ({
              name: t(`surveys.severities.${s}`),
              data: occupations.map((o) => o.severity?.[s] ?? 0),
              color: SEVERITY_COLORS[s],
            })),
            true,
          )}
          table={{
            columns: [t('surveys.results.occupation'), ...severities.map((s) => t(`surveys.severities.${s}`))],
            rows: occupations.map((o, i) => [occLabels[i], ...severities.map((s) => o.severity?.[s] ?? 0)]),
          }}
        />
        <Table.ScrollContainer minWidth={480}>
          <Table striped>
            <Table.Caption>{t('surveys.results.skillsTable')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('surveys.results.occupation')}</Table.Th>
                <Table.Th scope="col">{t('surveys.results.skill')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('surveys.results.employers')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {skills.map((s) => (
                <Table.Tr key={`${s.socCode}-${s.skill}`}>
                  <Table.Td>{`${s.title} (${s.socCode})`}</Table.Td>
                  <Table.Td>{s.skill === 'Other' ? t('surveys.results.other') : s.skill}</Table.Td>
                  <Table.Td ta="right">{f.number(s.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    );
  } else if (q.kind === 'hard_to_fill') {
    const reasons = q.counts ?? [];
    const reasonLabels = reasons.map((r) => (r.label === 'Other' ? t('surveys.results.other') : r.label));
    body = (
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Chart
          label={t('surveys.results.hardRolesChart')}
          height={Math.max(160, occupations.length * 34 + 40)}
          option={bars(occLabels, [{ name: t('surveys.results.employers'), data: occupations.map((o) => o.total) }])}
          table={{
            columns: [t('surveys.results.occupation'), t('surveys.results.employers')],
            rows: occupations.map((o, i) => [occLabels[i], o.total]),
          }}
        />
        <Chart
          label={t('surveys.results.reasonsChart')}
          height={Math.max(160, reasons.length * 34 + 40)}
          option={bars(reasonLabels, [{ name: t('surveys.results.mentions'), data: reasons.map((r) => r.count), color: '#e67700' }])}
          table={{
            columns: [t('surveys.results.reason'), t('surveys.results.mentions')],
            rows: reasons.map((r, i) => [reasonLabels[i], r.count]),
          }}
        />
      </SimpleGrid>
    );
  } else if (q.kind === 'single_choice') {
    const counts = q.counts ?? [];
    body = (
      <Chart
        label={q.prompt}
        height={Math.max(140, counts.length * 34 + 40)}
        option={bars(
          counts.map((c) => c.label),
          [{ name: t('surveys.results.answers'), data: counts.map((c) => c.count) }],
        )}
        table={{ columns: [t('surveys.results.option'), t('surveys.results.answers')], rows: counts.map((c) => [c.label, c.count]) }}
      />
    );
  } else if (q.kind === 'number' && q.stats) {
    body = (
      <Text>
        {t('surveys.results.numberStats', {
          sum: f.number(q.stats.sum),
          mean: f.number(q.stats.mean),
          min: f.number(q.stats.min),
          max: f.number(q.stats.max),
        })}
      </Text>
    );
  } else if (q.kind === 'text') {
    body = <Text c="dimmed">{t('surveys.results.textOnly')}</Text>;
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Text size="sm" c="dimmed">
        {q.sectionTitle}
      </Text>
      <Title order={3} size="h4" id={id} mb="xs">
        {q.prompt}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('surveys.results.answered', { count: q.answered })}
      </Text>
      {body}
    </Paper>
  );
}

export function SurveyResults({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const results = useQuery(resultsQuery(surveyId));
  return (
    <QueryState query={results}>
      {(r) => (
        <Stack>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat label={t('surveys.results.recipients')} value={f.number(r.recipients)} />
            <Stat label={t('surveys.results.opened')} value={f.number(r.opened)} />
            <Stat label={t('surveys.results.responded')} value={f.number(r.responded)} testId="responded-count" />
            <Stat label={t('surveys.results.rate')} value={`${f.number(Math.round(r.responseRate * 100))} %`} testId="response-rate" />
          </SimpleGrid>
          {r.responded === 0 ? (
            <EmptyState title={t('surveys.results.emptyTitle')}>{t('surveys.results.empty')}</EmptyState>
          ) : (
            r.questions.map((q) => <QuestionResultView key={q.questionId} q={q} />)
          )}
        </Stack>
      )}
    </QueryState>
  );
}
