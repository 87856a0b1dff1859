import { Button, Grid, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { EChartsOption } from 'echarts';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DASHBOARD_WINDOWS, type EmployerDashboard, type QualityAggregates } from '../../../shared/schemas/employers.ts';
import { Chart } from '../../ui/Chart.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { dashboardQuery, type EmployerDashboardSearch, qualityQuery } from './employers.api.ts';

const route = getRouteApi('/app/employers/dashboard');
type Aggregate = QualityAggregates['byEmployer'][number];
type Totals = EmployerDashboard['totals'];
/** One employer or occupation: what became of its job orders posted in the window. */
type FlowRow = Totals & { key: string; label: string; detail?: string };
const BAND_COLORS = { high: '#2b8a3e', moderate: '#e67700', low: '#c92a2a' } as const;
const FLOW_COLORS = { filled: '#2b8a3e', open: '#1c7ed6', unfilled: '#adb5bd', referrals: '#7048e8', hires: '#e67700' } as const;
/** How many rows the charts draw; the table beside them can show every one. */
const TOP = 10;

/** A percentage as the API gives it (one decimal), in the reader's language. */
function usePercent() {
  const { i18n } = useTranslation();
  return (v: number | null) =>
    v === null ? '—' : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(v / 100);
}

/**
 * Openings vs referrals vs hires for one grouping (employer or occupation): the top rows as a chart whose
 * openings bar is split into filled, still open and closed unfilled; beside it the table, top rows or all.
 */
function FlowSection({ id, title, keyLabel, rows }: { id: string; title: string; keyLabel: string; rows: FlowRow[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const percent = usePercent();
  const tableId = useId();
  const [all, setAll] = useState(false);
  const top = rows.slice(0, TOP);
  const shown = all ? rows : top;
  const option = useMemo<EChartsOption>(() => {
    const top = rows.slice(0, TOP);
    const positions = (['filled', 'open', 'unfilled'] as const).map((k) => ({
      name: t(`employers.dashboard.${k}`),
      type: 'bar' as const,
      stack: 'openings',
      itemStyle: { color: FLOW_COLORS[k] },
      data: top.map((r) => r[k]),
    }));
    const others = (['referrals', 'hires'] as const).map((k) => ({
      name: t(`employers.dashboard.${k}`),
      type: 'bar' as const,
      itemStyle: { color: FLOW_COLORS[k] },
      data: top.map((r) => r[k]),
    }));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 56, bottom: 24, containLabel: true },
      yAxis: { type: 'category', data: top.map((r) => r.label), inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
      xAxis: { type: 'value', minInterval: 1 },
      series: [...positions, ...others],
    };
  }, [rows, t]);
  const columns = [
    t('employers.dashboard.openings'),
    t('employers.dashboard.referrals'),
    t('employers.dashboard.hires'),
    t('employers.dashboard.filled'),
    t('employers.dashboard.open'),
    t('employers.dashboard.fillRate'),
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <EmptyState title={title}>{t('employers.dashboard.emptyFlows')}</EmptyState>
      ) : (
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Chart
              label={title}
              height={Math.max(240, top.length * 40 + 90)}
              option={option}
              table={{
                columns: [keyLabel, ...columns.slice(0, 5), t('employers.dashboard.unfilled')],
                rows: top.map((r) => [r.label, r.openings, r.referrals, r.hires, r.filled, r.open, r.unfilled]),
              }}
            />
            {rows.length > TOP && (
              <Text size="sm" c="dimmed">
                {t('employers.dashboard.topN', { n: TOP })}
              </Text>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Table id={tableId} fz="sm" data-testid={`${id}-table`}>
              <Table.Caption className="visually-hidden">{title}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{keyLabel}</Table.Th>
                  {columns.map((c) => (
                    <Table.Th scope="col" key={c} ta="right">
                      {c}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((r) => (
                  <Table.Tr key={r.key}>
                    <Table.Th scope="row" fw={400}>
                      {r.label}
                      {r.detail && (
                        <Text span c="dimmed" size="xs" ml={4}>
                          {r.detail}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td ta="right">{f.number(r.openings)}</Table.Td>
                    <Table.Td ta="right">{f.number(r.referrals)}</Table.Td>
                    <Table.Td ta="right">{f.number(r.hires)}</Table.Td>
                    <Table.Td ta="right">{f.number(r.filled)}</Table.Td>
                    <Table.Td ta="right">{f.number(r.open)}</Table.Td>
                    <Table.Td ta="right">{percent(r.fillRate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {rows.length > TOP && (
              <Button variant="subtle" size="compact-sm" mt="xs" aria-controls={tableId} aria-expanded={all} onClick={() => setAll(!all)}>
                {all ? t('employers.dashboard.showTop', { n: TOP }) : t('employers.dashboard.showAll', { n: rows.length })}
              </Button>
            )}
          </Grid.Col>
        </Grid>
      )}
    </Paper>
  );
}

/** Positions posted and filled per quarter with the fill rate, and the median days to fill; the table beside. */
function TrendSection({ trend }: { trend: EmployerDashboard['trend'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const percent = usePercent();
  const posted = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: trend.map((q) => q.quarter), axisLabel: { interval: 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      ],
      series: [
        { name: t('employers.dashboard.posted'), type: 'bar', itemStyle: { color: '#1c7ed6' }, data: trend.map((q) => q.posted) },
        { name: t('employers.dashboard.filled'), type: 'bar', itemStyle: { color: FLOW_COLORS.filled }, data: trend.map((q) => q.filled) },
        {
          name: t('employers.dashboard.fillRate'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: false,
          itemStyle: { color: '#495057' },
          data: trend.map((q) => q.fillRate),
        },
      ],
    }),
    [trend, t],
  );
  const days = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: trend.map((q) => q.quarter), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('employers.dashboard.medianDays'),
          type: 'bar',
          itemStyle: { color: '#7048e8' },
          data: trend.map((q) => q.medianDaysToFill),
        },
      ],
    }),
    [trend, t],
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="fill-trend">
      <Title order={2} size="h4" id="fill-trend" mb="xs">
        {t('employers.dashboard.trend')}
      </Title>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('employers.dashboard.trendHelp')}
            </Text>
            <Chart
              label={t('employers.dashboard.trend')}
              option={posted}
              table={{
                columns: [
                  t('employers.dashboard.quarter'),
                  t('employers.dashboard.posted'),
                  t('employers.dashboard.filled'),
                  t('employers.dashboard.fillRate'),
                ],
                rows: trend.map((q) => [q.quarter, q.posted, q.filled, percent(q.fillRate)]),
              }}
            />
            <Title order={3} size="h5">
              {t('employers.dashboard.daysToFill')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('employers.dashboard.daysToFillHelp')}
            </Text>
            <Chart
              label={t('employers.dashboard.daysToFill')}
              height={200}
              option={days}
              table={{
                columns: [t('employers.dashboard.quarter'), t('employers.dashboard.ordersFilled'), t('employers.dashboard.medianDays')],
                rows: trend.map((q) => [q.quarter, q.ordersFilled, q.medianDaysToFill]),
              }}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Table fz="sm" data-testid="fill-trend-table">
            <Table.Caption className="visually-hidden">{t('employers.dashboard.trend')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('employers.dashboard.quarter')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('employers.dashboard.posted')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('employers.dashboard.filled')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('employers.dashboard.fillRate')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('employers.dashboard.ordersFilled')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('employers.dashboard.medianDays')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trend.map((q) => (
                <Table.Tr key={q.quarter}>
                  <Table.Th scope="row" fw={400}>
                    {q.quarter}
                  </Table.Th>
                  <Table.Td ta="right">{f.number(q.posted)}</Table.Td>
                  <Table.Td ta="right">{f.number(q.filled)}</Table.Td>
                  <Table.Td ta="right">{percent(q.fillRate)}</Table.Td>
                  <Table.Td ta="right">{f.number(q.ordersFilled)}</Table.Td>
                  <Table.Td ta="right">{q.medianDaysToFill === null ? '—' : f.number(q.medianDaysToFill)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}

function Figure({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <Paper withBorder p="md">
      <Text c="dimmed">{label}</Text>
      <Text fz={32} fw={700} data-testid={testId}>
        {value}
      </Text>
      {detail && (
        <Text size="sm" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** Job quality of job orders, grouped one way: the bands as stacked bars, and every figure in a table. */
function QualityAggregate({ id, title, keyLabel, rows }: { id: string; title: string; keyLabel: string; rows: Aggregate[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const shown = rows.slice(0, 12);
  const label = (r: Aggregate) => r.label ?? r.key;
  const bands = ['high', 'moderate', 'low'] as const;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id}>
        {title}
      </Title>
      {rows.length === 0 ? (
        <EmptyState title={title}>{t('employers.qualityAggregates.empty')}</EmptyState>
      ) : (
        <>
          <Chart
            label={title}
            height={Math.max(200, shown.length * 32 + 60)}
            option={{
              tooltip: {},
              legend: { top: 0 },
              grid: { left: 180, right: 16, top: 32, bottom: 24 },
              yAxis: { type: 'category', data: shown.map(label), inverse: true },
              xAxis: { type: 'value', minInterval: 1 },
              series: bands.map((b) => ({
                name: t(`employers.quality.bands.${b}`),
                type: 'bar' as const,
                stack: 'bands',
                itemStyle: { color: BAND_COLORS[b] },
                data: shown.map((r) => r[b]),
              })),
            }}
            table={{
              columns: [keyLabel, ...bands.map((b) => t(`employers.quality.bands.${b}`))],
              rows: shown.map((r) => [label(r), r.high, r.moderate, r.low]),
            }}
          />
          <Table>
            <Table.Caption className="visually-hidden">{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{keyLabel}</Table.Th>
                <Table.Th scope="col">{t('employers.qualityAggregates.jobOrders')}</Table.Th>
                <Table.Th scope="col">{t('employers.fields.openings')}</Table.Th>
                <Table.Th scope="col">{t('employers.qualityAggregates.average')}</Table.Th>
                {bands.map((b) => (
                  <Table.Th scope="col" key={b}>
                    {t(`employers.quality.bands.${b}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Th scope="row" fw={400}>
                    {label(r)}
                  </Table.Th>
                  <Table.Td>{f.number(r.jobOrders)}</Table.Td>
                  <Table.Td>{f.number(r.openings)}</Table.Td>
                  <Table.Td>{r.averageScore === null ? '—' : f.number(Math.round(r.averageScore))}</Table.Td>
                  <Table.Td>{f.number(r.high)}</Table.Td>
                  <Table.Td>{f.number(r.moderate)}</Table.Td>
                  <Table.Td>{f.number(r.low)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}

export function EmployerDashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const percent = usePercent();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const dashboard = useQuery(dashboardQuery(search));
  const quality = useQuery(qualityQuery(search));
  const refine = (patch: Partial<EmployerDashboardSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  return (
    <>
      <PageHeader title={t('employers.dashboard.title')} description={t('employers.dashboard.description')} />
      <Group align="flex-end" mb="md" role="group" aria-label={t('employers.dashboard.filters')}>
        <NativeSelect
          label={t('employers.dashboard.period')}
          value={search.window ?? 'last_4_quarters'}
          onChange={(e) => refine({ window: e.currentTarget.value as EmployerDashboardSearch['window'] })}
          data={DASHBOARD_WINDOWS.map((w) => ({ value: w, label: t(`employers.dashboard.windows.${w}`) }))}
          miw={220}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={dashboard}>
        {(d) => {
          const bands = (['high', 'moderate', 'low', 'unscored'] as const).map(
            (b) => [t(`employers.quality.bands.${b}`), d.placementQuality[b]] as [string, number],
          );
          const employers: FlowRow[] = d.byEmployer.map((e) => ({ ...e, key: e.id, label: e.name }));
          const occupations: FlowRow[] = d.byOccupation.map((o) => ({
            ...o,
            key: o.socCode,
            label: o.title ?? o.socCode,
            detail: o.title ? o.socCode : undefined,
          }));
          return (
            <>
              <Text c="dimmed" mb="sm" data-testid="dashboard-window">
                {t('employers.dashboard.windowRange', { from: f.date(d.window.from), to: f.date(d.window.to) })}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} mb="lg">
                <Figure
                  label={t('employers.dashboard.positionsPosted')}
                  value={f.number(d.totals.openings)}
                  detail={t('employers.dashboard.postedDetail', { n: f.number(d.totals.jobOrders) })}
                />
                <Figure
                  label={t('employers.dashboard.fillRateCard')}
                  value={percent(d.totals.fillRate)}
                  detail={t('employers.dashboard.fillRateDetail', {
                    filled: f.number(d.totals.filled),
                    openings: f.number(d.totals.openings),
                  })}
                  testId="fill-rate"
                />
                <Figure
                  label={t('employers.dashboard.openNow')}
                  value={f.number(d.totals.open)}
                  detail={t('employers.dashboard.openNowDetail')}
                />
                <Figure
                  label={t('employers.dashboard.served', { quarter: d.quarter })}
                  value={f.number(d.servedThisQuarter)}
                  testId="served-this-quarter"
                />
                <Figure label={t('employers.dashboard.repeat')} value={f.number(d.repeatEmployers)} />
              </SimpleGrid>
              <Stack gap="lg">
                <FlowSection
                  id="by-employer"
                  title={t('employers.dashboard.byEmployer')}
                  keyLabel={t('employers.fields.employer')}
                  rows={employers}
                />
                <FlowSection
                  id="by-occupation"
                  title={t('employers.dashboard.byOccupation')}
                  keyLabel={t('employers.fields.occupation')}
                  rows={occupations}
                />
                <TrendSection trend={d.trend} />
                <Paper withBorder p="md" component="section" aria-labelledby="placement-quality">
                  <Title order={2} size="h4" id="placement-quality">
                    {t('employers.dashboard.placementQuality')}
                  </Title>
                  <Text size="sm" c="dimmed" data-testid="placement-window">
                    {t('employers.dashboard.placementHelp', { from: f.date(d.window.from), to: f.date(d.window.to) })}
                  </Text>
                  <Chart
                    label={t('employers.dashboard.placementQuality')}
                    option={{
                      tooltip: {},
                      xAxis: { type: 'category', data: bands.map((b) => b[0]) },
                      yAxis: { type: 'value', minInterval: 1 },
                      series: [{ type: 'bar', data: bands.map((b) => b[1]) }],
                    }}
                    table={{ columns: [t('employers.fields.quality'), t('employers.dashboard.placements')], rows: bands }}
                  />
                </Paper>
              </Stack>
            </>
          );
        }}
      </QueryState>
      <Title order={2} size="h3" mt="xl" mb="md">
        {t('employers.qualityAggregates.title')}
      </Title>
      <QueryState query={quality}>
        {(q) => (
          <Grid gutter="lg">
            <Grid.Col span={12}>
              <Text c="dimmed" data-testid="quality-window">
                {t('employers.qualityAggregates.windowRange', { from: f.date(q.window.from), to: f.date(q.window.to) })}
              </Text>
            </Grid.Col>
            <Grid.Col span={12}>
              <QualityAggregate
                id="quality-by-employer"
                title={t('employers.qualityAggregates.byEmployer')}
                keyLabel={t('employers.fields.employer')}
                rows={q.byEmployer}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <QualityAggregate
                id="quality-by-occupation"
                title={t('employers.qualityAggregates.byOccupation')}
                keyLabel={t('employers.fields.occupation')}
                rows={q.byOccupation}
              />
            </Grid.Col>
          </Grid>
        )}
      </QueryState>
    </>
  );
}
