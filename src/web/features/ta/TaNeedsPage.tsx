import { Badge, Group, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Needs } from '../../../shared/schemas/ta.ts';
import { Chart } from '../../ui/Chart.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { type NeedsSearch, needsQuery } from './ta.api.ts';

const route = getRouteApi('/app/ta/needs');

export function TaNeedsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const needs = useQuery(needsQuery(search));
  const refine = (patch: Partial<NeedsSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const date = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  return (
    <>
      <PageHeader title={t('partnership.needs.title')} description={t('partnership.needs.description')} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('partnership.needs.filters')}>
        <TextInput
          label={t('partnership.needs.from')}
          type="date"
          value={search.from ?? needs.data?.from ?? ''}
          onChange={(e) => refine({ from: date(e.currentTarget.value) })}
        />
        <TextInput
          label={t('partnership.needs.to')}
          type="date"
          value={search.to ?? needs.data?.to ?? ''}
          onChange={(e) => refine({ to: date(e.currentTarget.value) })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={needs}>{(data) => <NeedsView needs={data} />}</QueryState>
    </>
  );
}

function NeedsView({ needs }: { needs: Needs }) {
  const { t } = useTranslation();
  const f = useFormat();
  const topics = needs.byTopic.filter((x) => x.requests > 0 || x.events > 0);
  const label = (topic: string) => t(`partnership.taTopics.${topic}`);
  // Chart.tsx redraws when the option object changes: keep it stable between renders.
  const option = useMemo<EChartsOption>(() => {
    const shown = needs.byTopic.filter((x) => x.requests > 0 || x.events > 0);
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: shown.map((x) => t(`partnership.taTopics.${x.topic}`)) },
      series: [
        { name: t('partnership.needs.requests'), type: 'bar', data: shown.map((x) => x.requests), color: '#3b5bdb' },
        { name: t('partnership.needs.organizations'), type: 'bar', data: shown.map((x) => x.organizations), color: '#e8590c' },
        { name: t('partnership.needs.attended'), type: 'bar', data: shown.map((x) => x.attended), color: '#2f9e44' },
      ],
    };
  }, [needs, t]);
  if (topics.length === 0)
    return (
      <EmptyState title={t('partnership.needs.emptyTitle')}>
        {t('partnership.needs.empty', { from: f.date(needs.from), to: f.date(needs.to) })}
      </EmptyState>
    );
  return (
    <>
      <Paper withBorder p="lg" mb="lg" component="section" aria-labelledby="needs-topics">
        <Title order={2} size="h4" id="needs-topics" mb="xs">
          {t('partnership.needs.byTopic')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('partnership.needs.period', { from: f.date(needs.from), to: f.date(needs.to) })}
        </Text>
        <Chart
          option={option}
          height={Math.max(240, topics.length * 56)}
          label={t('partnership.needs.byTopic')}
          table={{
            columns: [
              t('partnership.fields.topic'),
              t('partnership.needs.requests'),
              t('partnership.needs.organizations'),
              t('partnership.needs.attended'),
            ],
            rows: topics.map((x) => [label(x.topic), x.requests, x.organizations, x.attended]),
          }}
        />
        <Table.ScrollContainer minWidth={720} mt="md">
          <Table data-testid="needs-topics-table">
            <Table.Caption className="visually-hidden">{t('partnership.needs.byTopicTable')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('partnership.fields.topic')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('partnership.needs.requests')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('partnership.needs.open')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('partnership.needs.organizations')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('partnership.needs.events')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('partnership.fields.satisfaction')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {topics.map((x) => (
                <Table.Tr key={x.topic}>
                  <Table.Th scope="row" fw={500}>
                    {label(x.topic)}{' '}
                    {x.recurring && (
                      <Badge size="sm" color="orange" variant="light">
                        {t('partnership.needs.recurring')}
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td ta="right">{f.number(x.requests)}</Table.Td>
                  <Table.Td ta="right">{f.number(x.open)}</Table.Td>
                  <Table.Td ta="right">{f.number(x.organizations)}</Table.Td>
                  <Table.Td ta="right">{f.number(x.events)}</Table.Td>
                  <Table.Td ta="right">{x.averageSatisfaction === null ? '—' : f.number(x.averageSatisfaction)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="needs-organizations">
        <Title order={2} size="h4" id="needs-organizations" mb="md">
          {t('partnership.needs.byOrganization')}
        </Title>
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="needs-organizations-table">
            <Table.Caption className="visually-hidden">{t('partnership.needs.byOrganization')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('partnership.fields.organization')}</Table.Th>
                <Table.Th scope="col">{t('partnership.fields.topic')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('partnership.needs.requests')}
                </Table.Th>
                <Table.Th scope="col">{t('partnership.needs.lastAsked')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('partnership.needs.attendedEvents')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {needs.byOrganization.map((o) => (
                <Table.Tr key={`${o.organization.id}:${o.topic}`}>
                  <Table.Td>{o.organization.name}</Table.Td>
                  <Table.Td>
                    {label(o.topic)}{' '}
                    {o.recurring && (
                      <Badge size="sm" color="orange" variant="light">
                        {t('partnership.needs.askedAgain')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{f.number(o.requests)}</Table.Td>
                  <Table.Td>{f.date(o.lastRequestedAt)}</Table.Td>
                  <Table.Td ta="right">{f.number(o.attendedEvents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </>
  );
}
