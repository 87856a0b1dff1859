import { Button, Group, Paper, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { EChartsOption } from 'echarts';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralReport } from '../../../shared/schemas/referral-reports.ts';
import { Chart } from '../../ui/Chart.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { organizationsCsvHref, type ReferralReportsSearch, referralReportQuery } from './referralReports.api.ts';

const route = getRouteApi('/app/referrals/reports');

/**
 * Referral reports: how referrals move through the network, how fast partners answer, and where they flow.
 * The return type is written out on purpose: router.tsx passes this component into the route tree, and this
 * body reads the route's own types (getRouteApi, typed links), so an inferred return type made the route tree
 * depend on itself; TypeScript then gave up on it and every search reducer in the app became `never`.
 */
export function ReferralReportsPage(): ReactNode {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const refine = (patch: Partial<ReferralReportsSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  // A period that ends before it starts is said at the field, and not asked of the server.
  const backwards = Boolean(search.from && search.to && search.from > search.to);
  const report = useQuery({ ...referralReportQuery(search), enabled: !backwards });
  const filtered = Boolean(search.organizationId || search.serviceId || search.initiativeId || search.from || search.to);
  const options = report.data?.options;

  return (
    <>
      <PageHeader
        title={t('referralReports.title')}
        description={t('referralReports.description')}
        actions={
          <Button component="a" href={organizationsCsvHref(search)} variant="default" download>
            {t('referralReports.downloadCsv')}
          </Button>
        }
      />
      <Group align="flex-start" mb="md" role="search" aria-label={t('referralReports.filters')} wrap="wrap">
        <TextInput
          type="date"
          label={t('referralReports.from')}
          value={search.from ?? report.data?.from ?? ''}
          onChange={(e) => refine({ from: e.currentTarget.value || undefined })}
          error={backwards ? t('referralReports.fromAfterTo') : undefined}
        />
        <TextInput
          type="date"
          label={t('referralReports.to')}
          value={search.to ?? report.data?.to ?? ''}
          onChange={(e) => refine({ to: e.currentTarget.value || undefined })}
        />
        <FilterSelect
          label={t('referralReports.organization')}
          allLabel={t('referralReports.allOrganizations')}
          value={search.organizationId}
          options={(options?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }))}
          onChange={(organization) => refine({ organizationId: organization })}
        />
        <FilterSelect
          label={t('referralReports.service')}
          allLabel={t('referralReports.allServices')}
          value={search.serviceId}
          options={(options?.services ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onChange={(service) => refine({ serviceId: service })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
        {filtered && (
          <Button variant="subtle" mt={25} onClick={() => navigate({ search: {}, replace: true })}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Group>
      {!backwards && (
        <QueryState query={report}>
          {(r) =>
            r.totals.referred === 0 ? (
              <EmptyState
                title={t('referralReports.emptyTitle')}
                action={
                  filtered ? (
                    <Button variant="default" onClick={() => navigate({ search: {}, replace: true })}>
                      {t('common.clearFilters')}
                    </Button>
                  ) : (
                    <ButtonLink to="/directory" variant="default">
                      {t('referralReports.findService')}
                    </ButtonLink>
                  )
                }
              >
                {t(filtered ? 'referralReports.emptyFiltered' : 'referralReports.empty')}
              </EmptyState>
            ) : (
              <Report report={r} />
            )
          }
        </QueryState>
      )}
    </>
  );
}

function Report({ report: r }: { report: ReferralReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const days = (v: number | null) => (v === null ? '—' : t('referralReports.days', { count: v, n: f.number(v) }));
  const rate = (v: number | null) => (v === null ? '—' : `${f.number(v)} %`);
  const scopeNote = r.scope === 'own' ? t('referralReports.scopeOwn') : t('referralReports.scopeAll');
  const cards: { key: string; value: string; detail: string; link?: boolean }[] = [
    {
      key: 'referred',
      value: f.number(r.totals.referred),
      detail: t('referralReports.period', { from: f.date(r.from), to: f.date(r.to) }),
    },
    {
      key: 'completionRate',
      value: rate(r.totals.completionRate),
      detail: t('referralReports.completionDetail', {
        completed: r.totals.completed,
        closed: r.totals.completed + r.totals.notCompleted + r.totals.declined,
      }),
    },
    {
      key: 'toAccept',
      value: days(r.times.toAccept.medianBusinessDays),
      detail: t('referralReports.timeDetail', { p90: days(r.times.toAccept.p90BusinessDays), calendar: days(r.times.toAccept.medianDays) }),
    },
    {
      key: 'toComplete',
      value: days(r.times.toComplete.medianBusinessDays),
      detail: t('referralReports.timeDetail', {
        p90: days(r.times.toComplete.p90BusinessDays),
        calendar: days(r.times.toComplete.medianDays),
      }),
    },
    {
      key: 'overdue',
      value: f.number(r.totals.overdue),
      detail: t('referralReports.overdueDetail', { count: r.totals.awaiting }),
      link: true,
    },
  ];

  const funnel = useMemo(() => {
    const stages: [string, number][] = [
      ['referred', r.totals.referred],
      ['accepted', r.totals.accepted],
      ['started', r.totals.started],
      ['completed', r.totals.completed],
      ['declined', r.totals.declined],
      ['notCompleted', r.totals.notCompleted],
      ['overdue', r.totals.overdue],
    ];
    const names = stages.map(([k]) => t(`referralReports.stage.${k}`));
    const option: EChartsOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        {
          type: 'bar',
          name: t('referralReports.cards.referred'),
          data: stages.map(([k, v], i) => ({
            value: v,
            itemStyle: { color: i < 4 ? '#1c7ed6' : k === 'overdue' ? '#c92a2a' : '#868e96' },
          })),
          label: { show: true, position: 'right' },
        },
      ],
    };
    return { option, rows: stages.map(([, v], i) => [names[i], v]) };
  }, [r, t]);

  const times = useMemo(() => {
    const orgs = r.byOrganization.filter((o) => o.toAccept.n > 0).slice(0, 12);
    const option: EChartsOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: t('referralReports.businessDays'), nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', data: orgs.map((o) => o.name), inverse: true, axisLabel: { width: 200, overflow: 'truncate' } },
      series: [
        { type: 'bar', name: t('referralReports.toAcceptMedian'), data: orgs.map((o) => o.toAccept.medianBusinessDays), color: '#1c7ed6' },
        {
          type: 'bar',
          name: t('referralReports.toCompleteMedian'),
          data: orgs.map((o) => o.toComplete.medianBusinessDays),
          color: '#2f9e44',
        },
      ],
    };
    return {
      option,
      height: Math.max(200, 60 + orgs.length * 44),
      rows: orgs.map((o) => [
        o.name,
        o.toAccept.medianBusinessDays,
        o.toAccept.p90BusinessDays,
        o.toComplete.medianBusinessDays,
        o.toComplete.p90BusinessDays,
      ]),
    };
  }, [r, t]);

  const sankey = useMemo(() => {
    // Senders on the left, receivers on the right: an organization that does both appears twice, which
    // keeps the picture free of cycles (ECharts draws no Sankey with a loop).
    const label = new Map<string, string>();
    const links = r.flows.map((l) => {
      const source = `from:${l.from.id ?? 'self'}`;
      const target = `to:${l.to.id}`;
      label.set(source, l.from.id ? l.from.name : t('referralReports.selfReferral'));
      label.set(target, l.to.name);
      return { source, target, value: l.count };
    });
    const option: EChartsOption = {
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d =
            (p as { dataType?: string; data: { source?: string; target?: string; value?: number }; name: string; value: number }) ?? {};
          return d.dataType === 'edge'
            ? `${label.get(d.data.source ?? '')} → ${label.get(d.data.target ?? '')}: ${d.data.value}`
            : `${label.get(d.name)}: ${d.value}`;
        },
      },
      series: [
        {
          type: 'sankey',
          // Senders' names stand to the left of their nodes, receivers' to the right, clear of the bands.
          left: 200,
          right: 200,
          nodeGap: 10,
          emphasis: { focus: 'adjacency' },
          data: [...label.keys()].map((name) => (name.startsWith('from:') ? { name, label: { position: 'left' as const } } : { name })),
          links,
          label: { formatter: (p) => label.get(p.name) ?? p.name, width: 190, overflow: 'truncate' },
          lineStyle: { color: 'gradient', opacity: 0.45 },
        },
      ],
    };
    return {
      option,
      height: Math.max(260, Math.min(640, label.size * 34)),
      rows: r.flows.map((l) => [l.from.id ? l.from.name : t('referralReports.selfReferral'), l.to.name, l.count]),
    };
  }, [r, t]);

  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {scopeNote}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} mb="xl" data-testid="referral-kpis">
        {cards.map((c) => (
          <Paper withBorder p="md" key={c.key}>
            <Text size="sm" fw={600}>
              {t(`referralReports.cards.${c.key}`)}
            </Text>
            <Text size="xl" fw={700}>
              {c.value}
            </Text>
            <Text size="sm" c="dimmed">
              {c.detail}
            </Text>
            {c.link && (
              <AnchorLink
                to="/referrals"
                search={{ overdue: true, box: can('referrals.manage') ? 'all' : can('referrals.receive') ? 'inbox' : 'outbox' }}
                size="sm"
              >
                {t('referralReports.overdueList')}
              </AnchorLink>
            )}
          </Paper>
        ))}
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 2 }} mb="xl" spacing="xl">
        <section aria-labelledby="rr-funnel">
          <Title order={2} size="h3" mb="sm" id="rr-funnel">
            {t('referralReports.funnel')}
          </Title>
          <Chart
            option={funnel.option}
            label={t('referralReports.funnel')}
            table={{ columns: [t('referralReports.stageColumn'), t('referralReports.cards.referred')], rows: funnel.rows }}
          />
        </section>
        <section aria-labelledby="rr-times">
          <Title order={2} size="h3" mb="sm" id="rr-times">
            {t('referralReports.times')}
          </Title>
          <Chart
            option={times.option}
            label={t('referralReports.times')}
            height={times.height}
            table={{
              columns: [
                t('referralReports.organization'),
                t('referralReports.toAcceptMedian'),
                t('referralReports.toAcceptP90'),
                t('referralReports.toCompleteMedian'),
                t('referralReports.toCompleteP90'),
              ],
              rows: times.rows,
            }}
          />
        </section>
      </SimpleGrid>

      <section aria-labelledby="rr-orgs">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="rr-orgs">
            {t('referralReports.byOrganization')}
          </Title>
        </Group>
        <Table.ScrollContainer minWidth={900} mb="xl">
          <Table striped data-testid="completion-table">
            <Table.Caption className="visually-hidden">{t('referralReports.byOrganization')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('referralReports.receivingOrganization')}</Table.Th>
                {['referred', 'accepted', 'completed', 'declined', 'notCompleted', 'overdue'].map((k) => (
                  <Table.Th scope="col" key={k} ta="right">
                    {t(`referralReports.stage.${k}`)}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  {t('referralReports.cards.completionRate')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('referralReports.toAcceptMedian')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.byOrganization.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Th scope="row" fw={500}>
                    {o.name}
                  </Table.Th>
                  <Table.Td ta="right">{f.number(o.referred)}</Table.Td>
                  <Table.Td ta="right">{f.number(o.accepted)}</Table.Td>
                  <Table.Td ta="right">{f.number(o.completed)}</Table.Td>
                  <Table.Td ta="right">{f.number(o.declined)}</Table.Td>
                  <Table.Td ta="right">{f.number(o.notCompleted)}</Table.Td>
                  <Table.Td ta="right">{f.number(o.overdue)}</Table.Td>
                  <Table.Td ta="right">{rate(o.completionRate)}</Table.Td>
                  <Table.Td ta="right">{days(o.toAccept.medianBusinessDays)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>

      <section aria-labelledby="rr-flows">
        <Title order={2} size="h3" mb="xs" id="rr-flows">
          {t('referralReports.flows')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('referralReports.flowsHint')}
        </Text>
        <Chart
          option={sankey.option}
          label={t('referralReports.flows')}
          height={sankey.height}
          table={{
            columns: [t('referralReports.sender'), t('referralReports.receivingOrganization'), t('referralReports.cards.referred')],
            rows: sankey.rows,
          }}
        />
      </section>

      <section aria-labelledby="rr-services">
        <Title order={2} size="h3" mt="xl" mb="sm" id="rr-services">
          {t('referralReports.byService')}
        </Title>
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="service-table">
            <Table.Caption className="visually-hidden">{t('referralReports.byService')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('referralReports.service')}</Table.Th>
                {['referred', 'accepted', 'started', 'completed', 'declined'].map((k) => (
                  <Table.Th scope="col" key={k} ta="right">
                    {t(`referralReports.stage.${k}`)}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  {t('referralReports.cards.completionRate')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.byService.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row" fw={500}>
                    {s.name}
                    <Text size="xs" c="dimmed">
                      {s.organizationName}
                    </Text>
                  </Table.Th>
                  <Table.Td ta="right">{f.number(s.referred)}</Table.Td>
                  <Table.Td ta="right">{f.number(s.accepted)}</Table.Td>
                  <Table.Td ta="right">{f.number(s.started)}</Table.Td>
                  <Table.Td ta="right">{f.number(s.completed)}</Table.Td>
                  <Table.Td ta="right">{f.number(s.declined)}</Table.Td>
                  <Table.Td ta="right">{rate(s.completionRate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>
    </>
  );
}
