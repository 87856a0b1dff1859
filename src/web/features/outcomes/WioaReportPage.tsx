import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { EChartsOption } from 'echarts';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type MedianIndicator,
  OVERLAPPING_DIMENSIONS,
  type RateIndicator,
  WIOA_DIMENSIONS,
  WIOA_PROGRAMS,
  type WioaByReport,
  type WioaReport,
  yearQuarter,
} from '../../../shared/schemas/outcomes.ts';
import { Chart } from '../../ui/Chart.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { useGroupLabel } from './labels.ts';
import { currentProgramYear, INDICATOR_KEYS, type IndicatorKey, type WioaSearch, wioaByQuery, wioaQuery } from './outcomes.api.ts';

const route = getRouteApi('/app/outcomes/wioa');

/** A group this many percentage points (or more) from the total is called out as a gap. */
export const GAP_POINTS = 5;

export function WioaReportPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const report = useQuery(wioaQuery(search));
  const refine = (patch: Partial<WioaSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const py = search.programYear ?? currentProgramYear();
  const years = Array.from({ length: 8 }, (_, i) => currentProgramYear() + 1 - i);
  if (!years.includes(py)) years.push(py);

  return (
    <>
      <PageHeader title={t('outcomes.wioa.title')} description={t('outcomes.wioa.description')} />
      <Group align="flex-end" mb="md" wrap="wrap" role="search" aria-label={t('outcomes.wioa.parameters')}>
        <NativeSelect
          label={t('outcomes.fields.programYear')}
          value={String(py)}
          onChange={(e) => refine({ programYear: Number(e.currentTarget.value) })}
          data={years.map((y) => ({ value: String(y), label: t('outcomes.wioa.programYearOption', { from: y, to: y + 1 }) }))}
        />
        <NativeSelect
          label={t('outcomes.fields.program')}
          value={search.program ?? 'all'}
          onChange={(e) => refine({ program: e.currentTarget.value as WioaSearch['program'] })}
          data={WIOA_PROGRAMS.map((p) => ({ value: p, label: t(`outcomes.programs.${p}`) }))}
        />
        <WageThroughField value={search.wageDataThrough} onApply={(wageDataThrough) => refine({ wageDataThrough })} />
      </Group>
      <QueryState query={report}>
        {(r) => (
          <Stack gap="xl">
            <IndicatorTable report={r} />
            <Disaggregation search={search} onChange={refine} />
          </Stack>
        )}
      </QueryState>
    </>
  );
}

/** "Wage data through": typed as 2024Q3, checked with the server's own pattern before it is applied. */
function WageThroughField({ value, onApply }: { value: string | undefined; onApply: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = text.trim().toUpperCase();
    if (v && !yearQuarter.safeParse(v).success) {
      setError(t('outcomes.wioa.quarterInvalid'));
      return;
    }
    setError(null);
    onApply(v || undefined);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="xs">
        <TextInput
          label={t('outcomes.fields.wageDataThrough')}
          description={t('outcomes.wioa.wageDataThroughHint')}
          placeholder="2025Q2"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
          w={220}
        />
        <Button type="submit" variant="default" mt={46}>
          {t('outcomes.wioa.apply')}
        </Button>
      </Group>
    </form>
  );
}

function useRate() {
  const { i18n } = useTranslation();
  return (v: number | null) =>
    v === null ? '—' : `${new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} %`;
}
function useMoney() {
  const { i18n } = useTranslation();
  return (v: number | null) => (v === null ? '—' : new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD' }).format(v));
}

function Suppressed() {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="gray" tt="none" title={t('outcomes.suppressedHint')}>
      {t('outcomes.suppressed')}
    </Badge>
  );
}

function IndicatorTable({ report }: { report: WioaReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rate = useRate();
  const money = useMoney();
  const n = (v: number | null) => (v === null ? '—' : f.number(v));
  return (
    <section aria-labelledby="wioa-indicators">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h3" id="wioa-indicators">
          {t('outcomes.wioa.indicators')}
        </Title>
        <Text size="sm" c="dimmed" data-testid="wage-data-through">
          {report.wageDataThrough
            ? t('outcomes.wioa.wageDataThroughIs', { quarter: report.wageDataThrough })
            : t('outcomes.wioa.noWageData')}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={760}>
        <Table striped data-testid="wioa-table">
          <Table.Caption className="visually-hidden">{t('outcomes.wioa.indicators')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('outcomes.fields.indicator')}</Table.Th>
              <Table.Th scope="col">{t('outcomes.fields.cohort')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('outcomes.fields.numerator')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('outcomes.fields.denominator')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('outcomes.fields.rate')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {INDICATOR_KEYS.map((key) => {
              const ind = report.indicators[key];
              const cohort = t('outcomes.wioa.cohort', { from: f.date(ind.cohort.from), to: f.date(ind.cohort.to) });
              return (
                <Table.Tr key={key} data-indicator={key}>
                  <Table.Th scope="row" fw={600}>
                    {t(`outcomes.indicators.${key}`)}
                  </Table.Th>
                  <Table.Td>{cohort}</Table.Td>
                  {ind.suppressed ? (
                    <Table.Td colSpan={3} ta="right">
                      <Suppressed />
                    </Table.Td>
                  ) : 'median' in ind ? (
                    <>
                      <Table.Td ta="right">{t('outcomes.wioa.withEarnings', { n: n(ind.count) })}</Table.Td>
                      <Table.Td ta="right">—</Table.Td>
                      <Table.Td ta="right">{t('outcomes.wioa.median', { value: money(ind.median) })}</Table.Td>
                    </>
                  ) : (
                    <>
                      <Table.Td ta="right">{n(ind.numerator)}</Table.Td>
                      <Table.Td ta="right">{n(ind.denominator)}</Table.Td>
                      <Table.Td ta="right">{rate(ind.rateRounded)}</Table.Td>
                    </>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

/** The value an indicator is compared on: a rate in percent, or the median in dollars. */
const figureOf = (ind: RateIndicator | MedianIndicator) => ('median' in ind ? ind.median : ind.rateRounded);

function Disaggregation({ search, onChange }: { search: WioaSearch; onChange: (patch: Partial<WioaSearch>) => void }) {
  const { t } = useTranslation();
  const by = search.by ?? 'sex';
  const key: IndicatorKey = search.indicator ?? 'employment_q2';
  const query = useQuery(wioaByQuery(search));
  return (
    <section aria-labelledby="wioa-by">
      <Title order={2} size="h3" id="wioa-by" mb="xs">
        {t('outcomes.by.title')}
      </Title>
      <Group align="flex-end" mb="md" wrap="wrap">
        <NativeSelect
          label={t('outcomes.by.dimension')}
          value={by}
          onChange={(e) => onChange({ by: e.currentTarget.value as WioaSearch['by'] })}
          data={WIOA_DIMENSIONS.map((d) => ({ value: d, label: t(`outcomes.dimensions.${d}`) }))}
        />
        <NativeSelect
          label={t('outcomes.fields.indicator')}
          value={key}
          onChange={(e) => onChange({ indicator: e.currentTarget.value as IndicatorKey })}
          data={INDICATOR_KEYS.map((k) => ({ value: k, label: t(`outcomes.indicators.${k}`) }))}
        />
      </Group>
      <QueryState query={query}>{(r) => <DisaggregationView report={r} indicator={key} />}</QueryState>
    </section>
  );
}

function DisaggregationView({ report, indicator }: { report: WioaByReport; indicator: IndicatorKey }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rate = useRate();
  const money = useMoney();
  const groupLabel = useGroupLabel();
  const isMedian = indicator === 'median_earnings_q2';
  const show = (v: number | null) => (isMedian ? money(v) : rate(v));
  const total = report.total[indicator];
  const totalValue = total.suppressed ? null : figureOf(total);
  const rows = report.groups.map((g) => {
    const ind = g.indicators[indicator];
    const value = ind.suppressed ? null : figureOf(ind);
    const gap = value !== null && totalValue !== null ? value - totalValue : null;
    return { key: g.key, label: groupLabel(report.by, g.key, g.label), ind, value, gap };
  });
  // A gap in dollars is flagged from 5% of the total median; in rates from 5 percentage points.
  const flagged = (gap: number | null) =>
    gap !== null && totalValue !== null && Math.abs(gap) >= (isMedian ? Math.abs(totalValue) * 0.05 : GAP_POINTS);
  const gapText = (gap: number | null) => {
    if (gap === null) return '—';
    const amount = isMedian ? money(Math.abs(gap)) : t('outcomes.by.points', { value: f.number(Math.round(Math.abs(gap) * 10) / 10) });
    return gap === 0 ? t('outcomes.by.same') : t(gap < 0 ? 'outcomes.by.below' : 'outcomes.by.above', { amount });
  };
  const drawn: EChartsOption = {
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, overflow: 'truncate', width: 110 } },
    yAxis: { type: 'value', name: isMedian ? 'USD' : '%', max: isMedian ? undefined : 100 },
    series: [
      {
        type: 'bar',
        name: t(`outcomes.indicators.${indicator}`),
        data: rows.map((r) => ({
          value: r.value ?? 0,
          itemStyle: { color: flagged(r.gap) ? '#c2255c' : r.value === null ? '#ced4da' : '#4263eb' },
        })),
        markLine:
          totalValue === null
            ? undefined
            : {
                symbol: 'none',
                data: [{ yAxis: totalValue, name: t('outcomes.by.total') }],
                label: { formatter: t('outcomes.by.total') },
              },
      },
    ],
  };
  // The chart is drawn again only when what it shows changes, not on every render.
  const json = JSON.stringify(drawn);
  const option = useMemo<EChartsOption>(() => JSON.parse(json), [json]);
  if (report.groups.length === 0) return <EmptyState title={t('outcomes.by.emptyTitle')}>{t('outcomes.by.empty')}</EmptyState>;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('outcomes.by.suppressionNote', { threshold: report.threshold })}{' '}
        {OVERLAPPING_DIMENSIONS.includes(report.by) && t('outcomes.by.overlapping')}
      </Text>
      <Paper withBorder p="sm">
        <Chart
          option={option}
          label={t('outcomes.by.chartLabel', {
            indicator: t(`outcomes.indicators.${indicator}`),
            by: t(`outcomes.dimensions.${report.by}`),
          })}
          table={{
            columns: [t(`outcomes.dimensions.${report.by}`), t('outcomes.fields.value'), t('outcomes.by.gap')],
            rows: [
              [t('outcomes.by.total'), show(totalValue), ''],
              ...rows.map((r) => [r.label, r.ind.suppressed ? t('outcomes.suppressed') : show(r.value), gapText(r.gap)]),
            ],
          }}
        />
      </Paper>
      <Table.ScrollContainer minWidth={720}>
        <Table striped data-testid="wioa-by-table">
          <Table.Caption className="visually-hidden">
            {t('outcomes.by.chartLabel', { indicator: t(`outcomes.indicators.${indicator}`), by: t(`outcomes.dimensions.${report.by}`) })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t(`outcomes.dimensions.${report.by}`)}</Table.Th>
              <Table.Th scope="col" ta="right">
                {isMedian ? t('outcomes.fields.count') : t('outcomes.fields.numerator')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {isMedian ? '' : t('outcomes.fields.denominator')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {isMedian ? t('outcomes.fields.median') : t('outcomes.fields.rate')}
              </Table.Th>
              <Table.Th scope="col">{t('outcomes.by.gap')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <GroupRow label={t('outcomes.by.total')} ind={total} show={show} strong />
            {rows.map((r) => (
              <GroupRow
                key={r.key}
                label={r.label}
                ind={r.ind}
                show={show}
                gap={
                  r.gap === null ? (
                    '—'
                  ) : flagged(r.gap) ? (
                    <Badge color={r.gap < 0 ? 'red' : 'teal'} variant="light" tt="none" data-gap="flagged">
                      {gapText(r.gap)}
                    </Badge>
                  ) : (
                    gapText(r.gap)
                  )
                }
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.some((r) => flagged(r.gap)) && (
        <Alert color="red" variant="light" title={t('outcomes.by.gapsTitle')}>
          {t(isMedian ? 'outcomes.by.gapsMedian' : 'outcomes.by.gapsRate', { points: GAP_POINTS })}
        </Alert>
      )}
    </Stack>
  );
}

function GroupRow({
  label,
  ind,
  show,
  gap,
  strong,
}: {
  label: string;
  ind: RateIndicator | MedianIndicator;
  show: (v: number | null) => string;
  gap?: React.ReactNode;
  strong?: boolean;
}) {
  const f = useFormat();
  const n = (v: number | null) => (v === null ? '—' : f.number(v));
  return (
    <Table.Tr data-group={label}>
      <Table.Th scope="row" fw={strong ? 700 : 500}>
        {label}
      </Table.Th>
      {ind.suppressed ? (
        <Table.Td colSpan={3} ta="right">
          <Suppressed />
        </Table.Td>
      ) : 'median' in ind ? (
        <>
          <Table.Td ta="right">{n(ind.count)}</Table.Td>
          <Table.Td />
          <Table.Td ta="right">{show(ind.median)}</Table.Td>
        </>
      ) : (
        <>
          <Table.Td ta="right">{n(ind.numerator)}</Table.Td>
          <Table.Td ta="right">{n(ind.denominator)}</Table.Td>
          <Table.Td ta="right">{show(ind.rateRounded)}</Table.Td>
        </>
      )}
      <Table.Td>{gap ?? ''}</Table.Td>
    </Table.Tr>
  );
}
