import { Grid, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../ui/Chart.tsx';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { dashboardQuery } from './employers.api.ts';

export function EmployerDashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const dashboard = useQuery(dashboardQuery);
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
    </>
  );
}
