import { Grid, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { QualityAggregates } from '../../../shared/schemas/employers.ts';
import { Chart } from '../../ui/Chart.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { dashboardQuery, qualityQuery } from './employers.api.ts';

type Aggregate = QualityAggregates['byEmployer'][number];
const BAND_COLORS = { high: '#2b8a3e', moderate: '#e67700', low: '#c92a2a' } as const;

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
  const dashboard = useQuery(dashboardQuery);
  const quality = useQuery(qualityQuery);
  const series = [t('employers.dashboard.openings'), t('employers.dashboard.referrals'), t('employers.dashboard.hires')];
  return (
    <>
      <PageHeader title={t('employers.dashboard.title')} description={t('employers.dashboard.description')} />
      <QueryState query={dashboard}>
        {(d) => {
          const employers = d.byEmployer.slice(0, 12);
          const occupations = d.byOccupation.slice(0, 12);
          const bands = (['high', 'moderate', 'low', 'unscored'] as const).map(
            (b) => [t(`employers.quality.bands.${b}`), d.placementQuality[b]] as [string, number],
          );
          return (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} mb="lg">
                <Paper withBorder p="md">
                  <Text c="dimmed">{t('employers.dashboard.served', { quarter: d.quarter })}</Text>
                  <Text fz={32} fw={700} data-testid="served-this-quarter">
                    {f.number(d.servedThisQuarter)}
                  </Text>
                </Paper>
                <Paper withBorder p="md">
                  <Text c="dimmed">{t('employers.dashboard.repeat')}</Text>
                  <Text fz={32} fw={700}>
                    {f.number(d.repeatEmployers)}
                  </Text>
                </Paper>
              </SimpleGrid>
              <Grid gutter="lg">
                <Grid.Col span={{ base: 12, lg: 6 }}>
                  <Paper withBorder p="md" component="section" aria-labelledby="by-employer">
                    <Title order={2} size="h4" id="by-employer">
                      {t('employers.dashboard.byEmployer')}
                    </Title>
                    <Chart
                      label={t('employers.dashboard.byEmployer')}
                      height={360}
                      option={{
                        tooltip: {},
                        legend: { top: 0 },
                        grid: { left: 180, right: 16, top: 32, bottom: 24 },
                        yAxis: { type: 'category', data: employers.map((e) => e.name), inverse: true },
                        xAxis: { type: 'value' },
                        series: series.map((name, i) => ({
                          name,
                          type: 'bar' as const,
                          data: employers.map((e) => [e.openings, e.referrals, e.hires][i]),
                        })),
                      }}
                      table={{
                        columns: [t('employers.fields.employer'), ...series],
                        rows: employers.map((e) => [e.name, e.openings, e.referrals, e.hires]),
                      }}
                    />
                  </Paper>
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 6 }}>
                  <Paper withBorder p="md" component="section" aria-labelledby="by-occupation">
                    <Title order={2} size="h4" id="by-occupation">
                      {t('employers.dashboard.byOccupation')}
                    </Title>
                    <Chart
                      label={t('employers.dashboard.byOccupation')}
                      height={360}
                      option={{
                        tooltip: {},
                        legend: { top: 0 },
                        grid: { left: 180, right: 16, top: 32, bottom: 24 },
                        yAxis: { type: 'category', data: occupations.map((o) => o.title ?? o.socCode), inverse: true },
                        xAxis: { type: 'value' },
                        series: series.map((name, i) => ({
                          name,
                          type: 'bar' as const,
                          data: occupations.map((o) => [o.openings, o.referrals, o.hires][i]),
                        })),
                      }}
                      table={{
                        columns: [t('employers.fields.occupation'), ...series],
                        rows: occupations.map((o) => [o.title ?? o.socCode, o.openings, o.referrals, o.hires]),
                      }}
                    />
                  </Paper>
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 6 }}>
                  <Paper withBorder p="md" component="section" aria-labelledby="placement-quality">
                    <Title order={2} size="h4" id="placement-quality">
                      {t('employers.dashboard.placementQuality')}
                    </Title>
                    <Chart
                      label={t('employers.dashboard.placementQuality')}
                      option={{
                        tooltip: {},
                        xAxis: { type: 'category', data: bands.map((b) => b[0]) },
                        yAxis: { type: 'value' },
                        series: [{ type: 'bar', data: bands.map((b) => b[1]) }],
                      }}
                      table={{ columns: [t('employers.fields.quality'), t('employers.dashboard.placements')], rows: bands }}
                    />
                  </Paper>
                </Grid.Col>
              </Grid>
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
