import { Badge, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutcomeTarget, RateIndicator } from '../../../shared/schemas/outcomes.ts';
import { Chart } from '../../ui/Chart.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import {
  braidIndicatorsQuery,
  currentProgramYear,
  drilldownQuery,
  INDICATOR_KEYS,
  type IndicatorKey,
  targetsQuery,
  wioaQuery,
} from './outcomes.api.ts';

const route = getRouteApi('/app/outcomes');
const STATUS_COLORS: Record<OutcomeTarget['status'], string> = { met: 'green', on_track: 'blue', at_risk: 'red', no_data: 'gray' };
type Drill = { indicator: IndicatorKey; part: 'numerator' | 'denominator' };

/** The outcomes at a glance: WIOA indicators against their targets with a quarterly trend, and Braid's own. */
export function OutcomesDashboardPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const py = search.programYear ?? currentProgramYear();
  const report = useQuery(wioaQuery({ programYear: py }));
  const targets = useQuery(targetsQuery(py));
  const own = useQuery(braidIndicatorsQuery(py));
  const can = usePermissions();
  const [drill, setDrill] = useState<Drill | null>(null);
  const years = Array.from({ length: 8 }, (_, i) => currentProgramYear() + 1 - i);
  if (!years.includes(py)) years.push(py);

  return (
    <>
      <PageHeader
        title={t('outcomes.dashboard.title')}
        description={t('outcomes.dashboard.description')}
        actions={
          <ButtonLink to="/outcomes/wioa" search={{ programYear: py }} variant="default">
            {t('outcomes.dashboard.openReport')}
          </ButtonLink>
        }
      />
      <Group mb="md">
        <NativeSelect
          label={t('outcomes.fields.programYear')}
          value={String(py)}
          onChange={(e) => navigate({ search: { programYear: Number(e.currentTarget.value) }, replace: true })}
          data={years.map((y) => ({ value: String(y), label: t('outcomes.wioa.programYearOption', { from: y, to: y + 1 }) }))}
        />
      </Group>
      <Title order={2} size="h3" mb="sm">
        {t('outcomes.wioa.indicators')}
      </Title>
      <QueryState query={report}>
        {(r) => (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mb="xl" data-testid="indicator-cards">
            {INDICATOR_KEYS.map((key) => (
              <IndicatorCard
                key={key}
                indicator={key}
                value={r.indicators[key]}
                target={targets.data?.items.find((i) => i.indicator === key && i.scope === 'partnership')}
                onDrill={(part) => setDrill({ indicator: key, part })}
              />
            ))}
          </SimpleGrid>
        )}
      </QueryState>
      <Title order={2} size="h3" mb="sm">
        {t('outcomes.dashboard.own')}
      </Title>
      <QueryState query={own}>
        {(b) => {
          const money = (v: number | null) =>
            v === null ? '—' : new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(v);
          const rate = (i: RateIndicator) =>
            i.suppressed ? t('outcomes.suppressed') : i.rateRounded === null ? '—' : `${i.rateRounded} %`;
          const cards: [string, string, string][] = [
            ['placement_rate', rate(b.indicators.placement_rate), fraction(b.indicators.placement_rate)],
            [
              'median_starting_wage',
              b.indicators.median_starting_wage.suppressed ? t('outcomes.suppressed') : money(b.indicators.median_starting_wage.median),
              t('outcomes.wioa.withEarnings', { n: b.indicators.median_starting_wage.count ?? '—' }),
            ],
            ['health_benefits', rate(b.indicators.health_benefits), fraction(b.indicators.health_benefits)],
            [
              'wage_gain',
              b.indicators.wage_gain.suppressed ? t('outcomes.suppressed') : money(b.indicators.wage_gain.medianGain),
              t('outcomes.dashboard.beforeAfter', {
                before: money(b.indicators.wage_gain.medianBefore),
                after: money(b.indicators.wage_gain.medianAfter),
              }),
            ],
            ['credential_rate', rate(b.indicators.credential_rate), fraction(b.indicators.credential_rate)],
            ['living_wage_share', rate(b.indicators.living_wage_share), fraction(b.indicators.living_wage_share)],
            ['referral_completion', rate(b.indicators.referral_completion), fraction(b.indicators.referral_completion)],
            [
              'employers_served',
              String(b.indicators.employers_served.count),
              t('outcomes.dashboard.repeat', { n: b.indicators.repeat_employers.numerator ?? '—' }),
            ],
            [
              'employer_penetration',
              rate(b.indicators.employer_penetration),
              b.indicators.employer_penetration.denominator
                ? t('outcomes.dashboard.ofEstablishments', {
                    n: b.indicators.employer_penetration.numerator,
                    d: b.indicators.employer_penetration.denominator.toLocaleString(),
                  })
                : '',
            ],
          ];
          return (
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="own-cards">
                {cards.map(([key, value, detail]) => (
                  <Paper withBorder p="md" key={key}>
                    <Text size="sm" fw={600}>
                      {t(`outcomes.own.${key}`)}
                    </Text>
                    <Text size="xl" fw={700}>
                      {value}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {detail}
                    </Text>
                  </Paper>
                ))}
              </SimpleGrid>
              {b.pending.length > 0 && (
                <Group gap="sm">
                  <Text size="sm" c="dimmed">
                    {t('outcomes.dashboard.pending', {
                      list: b.pending.map((k) => t(`outcomes.dashboard.pendingNames.${k}`, { defaultValue: k })).join(', '),
                    })}
                  </Text>
                  {b.pending.includes('employer_penetration') && can('outcomes.import') && (
                    <AnchorLink to="/outcomes/establishments" size="sm">
                      {t('outcomes.dashboard.enterEstablishments')}
                    </AnchorLink>
                  )}
                </Group>
              )}
            </Stack>
          );
        }}
      </QueryState>
      {drill && <DrilldownModal programYear={py} drill={drill} onClose={() => setDrill(null)} />}
    </>
  );
}

const fraction = (i: RateIndicator) => (i.suppressed || i.numerator === null ? '' : `${i.numerator} / ${i.denominator}`);

function IndicatorCard({
  indicator,
  value,
  target,
  onDrill,
}: {
  indicator: IndicatorKey;
  value: { suppressed?: boolean } & (
    | { numerator: number | null; denominator: number | null; rateRounded: number | null }
    | { count: number | null; median: number | null }
  );
  target: OutcomeTarget | undefined;
  onDrill: (part: 'numerator' | 'denominator') => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const drills = can('outcomes.drilldown');
  const isMedian = 'median' in value;
  const shown = value.suppressed
    ? t('outcomes.suppressed')
    : isMedian
      ? value.median === null
        ? '—'
        : new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(value.median)
      : value.rateRounded === null
        ? '—'
        : `${value.rateRounded} %`;
  const count = (n: number | null, part: 'numerator' | 'denominator') =>
    n === null ? (
      '—'
    ) : drills && n > 0 ? (
      <UnstyledButton
        onClick={() => onDrill(part)}
        td="underline"
        c="indigo.8"
        aria-label={t('outcomes.dashboard.drill', { part: t(`outcomes.fields.${part}`), indicator: t(`outcomes.indicators.${indicator}`) })}
      >
        {f.number(n)}
      </UnstyledButton>
    ) : (
      f.number(n)
    );
  const option = useMemo<EChartsOption | null>(
    () =>
      target
        ? {
            grid: { left: 8, right: 8, top: 16, bottom: 4, containLabel: true },
            xAxis: { type: 'category', data: target.trend.map((p) => p.quarter) },
            yAxis: { type: 'value', min: 0 },
            series: [
              {
                type: 'line',
                data: target.trend.map((p) => p.value),
                markLine: { symbol: 'none', data: [{ yAxis: target.target }], label: { formatter: t('outcomes.dashboard.target') } },
              },
            ],
          }
        : null,
    [target, t],
  );
  return (
    <Paper withBorder p="md" data-indicator={indicator}>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t(`outcomes.indicators.${indicator}`)}
        </Text>
        <Group justify="space-between" align="baseline">
          <Text size="xl" fw={700}>
            {shown}
          </Text>
          {target && (
            <Badge color={STATUS_COLORS[target.status]} variant="light" tt="none">
              {t(`outcomes.status.${target.status}`)}
            </Badge>
          )}
        </Group>
        {!value.suppressed && (
          <Text size="sm" c="dimmed" component="div">
            {isMedian ? (
              <>
                {count(value.count, 'numerator')} {t('outcomes.dashboard.withEarnings')}
              </>
            ) : (
              <>
                {count(value.numerator, 'numerator')} / {count(value.denominator, 'denominator')}
              </>
            )}
          </Text>
        )}
        {target && (
          <Text size="sm">{t('outcomes.dashboard.targetIs', { value: isMedian ? `$${target.target}` : `${target.target} %` })}</Text>
        )}
        {target && option && (
          <Chart
            option={option}
            height={120}
            label={t('outcomes.dashboard.trendLabel', { indicator: t(`outcomes.indicators.${indicator}`) })}
            table={{
              columns: [t('outcomes.dashboard.quarter'), t('outcomes.fields.value')],
              rows: target.trend.map((p) => [p.quarter, p.suppressed ? t('outcomes.suppressed') : p.value]),
            }}
          />
        )}
      </Stack>
    </Paper>
  );
}

function DrilldownModal({ programYear, drill, onClose }: { programYear: number; drill: Drill; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const list = useQuery(drilldownQuery({ programYear, indicator: drill.indicator, part: drill.part, page }));
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
      title={t('outcomes.dashboard.drillTitle', {
        part: t(`outcomes.fields.${drill.part}`),
        indicator: t(`outcomes.indicators.${drill.indicator}`),
      })}
    >
      <Text size="sm" c="dimmed" mb="sm">
        {t('outcomes.dashboard.drillNote')}
      </Text>
      <QueryState query={list}>
        {(d) => (
          <>
            <Table striped data-testid="drilldown-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('outcomes.dashboard.participant')}</Table.Th>
                  <Table.Th scope="col">{t('outcomes.dashboard.exitDate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.items.map((p) => (
                  <Table.Tr key={p.participationId}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{f.date(p.exitDate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <ListPagination page={page} pageSize={d.pageSize} total={d.total} onChange={setPage} />
          </>
        )}
      </QueryState>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
      </Group>
    </Modal>
  );
}
