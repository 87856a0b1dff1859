import { Alert, Badge, Button, Group, Modal, NativeSelect, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DOLLAR_INDICATORS,
  type OutcomeTarget,
  PARTNERSHIP_ONLY_INDICATORS,
  TARGET_INDICATORS,
  TARGET_SCOPES,
  type TargetIndicator,
  type TargetScope,
  targetBody,
} from '../../../shared/schemas/outcomes.ts';
import { Chart } from '../../ui/Chart.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { RemoveButton } from '../../ui/RemoveButton.tsx';
import { usePermissions } from '../auth/session.ts';
import { allInitiativesQuery } from '../initiatives/initiatives.api.ts';
import { searchOrganizations } from '../organizations/organizations.api.ts';
import { fundingStreamsQuery } from '../participants/participants.api.ts';
import { useIndicatorLabel } from './labels.ts';
import { currentProgramYear, removeTarget, setTarget, type TargetsSearch, targetsQuery } from './outcomes.api.ts';

// The targets of a program year (issue 7): for the whole partnership, a WIOA program, a provider, an
// initiative or a funding stream (a grant), each with the latest value, its status and a quarterly trend.
// Directors set and remove them; whoever may read outcomes sees them.

const route = getRouteApi('/app/outcomes/targets');
const STATUS_COLORS: Record<OutcomeTarget['status'], string> = { met: 'green', on_track: 'blue', at_risk: 'red', no_data: 'gray' };
/** The same colours for the sparkline (SVG attributes take no CSS variables): Mantine's shade 7. */
const LINE_COLORS: Record<OutcomeTarget['status'], string> = {
  met: '#2f9e44',
  on_track: '#1c7ed6',
  at_risk: '#e03131',
  no_data: '#868e96',
};
const WIOA_PROGRAM_KEYS = ['adult', 'dw', 'youth'] as const;

/** A target's level or value with its unit: dollars for the medians, percent for the rates. */
function useValue() {
  const { i18n } = useTranslation();
  return (indicator: TargetIndicator, v: number | null) =>
    v === null
      ? '—'
      : DOLLAR_INDICATORS.includes(indicator)
        ? new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD' }).format(v)
        : `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(v)} %`;
}

/** What a target is for: "Whole partnership", or the program's, provider's, initiative's or stream's name. */
function useScopeName() {
  const { t } = useTranslation();
  return (target: Pick<OutcomeTarget, 'scope' | 'scopeKey' | 'scopeLabel'>) => {
    if (target.scope === 'partnership') return t('outcomes.targets.scopes.partnership');
    if (target.scope === 'program') return t(`outcomes.programs.${target.scopeKey}`, { defaultValue: target.scopeKey });
    return target.scopeLabel ?? t('outcomes.targets.unnamed');
  };
}

export function TargetsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = usePermissions();
  const manage = can('outcomes.manage');
  const py = search.programYear ?? currentProgramYear();
  const list = useQuery(targetsQuery(py));
  const indicatorLabel = useIndicatorLabel();
  // null: closed; 'new': adding one; otherwise the target whose level is being changed.
  const [editing, setEditing] = useState<OutcomeTarget | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const years = Array.from({ length: 8 }, (_, i) => currentProgramYear() + 1 - i);
  if (!years.includes(py)) years.push(py);
  const refine = (patch: Partial<TargetsSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const filtered = Boolean(search.scope || search.indicator);
  const addButton = manage ? (
    <Button
      onClick={() => {
        setSaved(null);
        setEditing('new');
      }}
    >
      {t('outcomes.targets.add')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t('outcomes.targets.title')} description={t('outcomes.targets.description')} actions={addButton} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('outcomes.targets.filters')}>
        <NativeSelect
          label={t('outcomes.fields.programYear')}
          value={String(py)}
          onChange={(e) => refine({ programYear: Number(e.currentTarget.value) })}
          data={years.map((y) => ({ value: String(y), label: t('outcomes.wioa.programYearOption', { from: y, to: y + 1 }) }))}
        />
        <FilterSelect
          label={t('outcomes.targets.scope')}
          allLabel={t('outcomes.targets.allScopes')}
          value={search.scope}
          options={TARGET_SCOPES.map((s) => ({ value: s, label: t(`outcomes.targets.scopeKinds.${s}`) }))}
          onChange={(scope) => refine({ scope })}
        />
        <FilterSelect
          label={t('outcomes.fields.indicator')}
          allLabel={t('outcomes.targets.allIndicators')}
          value={search.indicator}
          options={TARGET_INDICATORS.map((i) => ({ value: i, label: indicatorLabel(i) }))}
          onChange={(indicator) => refine({ indicator })}
        />
      </Group>
      {saved && (
        <Alert color="green" role="status" mb="md" withCloseButton closeButtonLabel={t('common.dismiss')} onClose={() => setSaved(null)}>
          {saved}
        </Alert>
      )}
      <QueryState query={list}>
        {(data) => {
          const items = data.items.filter(
            (i) => (!search.scope || i.scope === search.scope) && (!search.indicator || i.indicator === search.indicator),
          );
          if (data.items.length === 0)
            return (
              <EmptyState title={t('outcomes.targets.emptyTitle', { year: py })} action={addButton}>
                {t(manage ? 'outcomes.targets.emptyManage' : 'outcomes.targets.empty')}
              </EmptyState>
            );
          if (items.length === 0)
            return (
              <EmptyState
                title={t('outcomes.targets.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ scope: undefined, indicator: undefined })}>
                    {t('outcomes.targets.clearFilters')}
                  </Button>
                }
              >
                {t('outcomes.targets.noMatches', { year: py })}
              </EmptyState>
            );
          return (
            <TargetsTable
              programYear={py}
              items={items}
              total={data.items.length}
              filtered={filtered}
              busy={list.isFetching}
              manage={manage}
              onEdit={(target) => {
                setSaved(null);
                setEditing(target);
              }}
              onRemoved={(name) => setSaved(t('outcomes.targets.removed', { name }))}
            />
          );
        }}
      </QueryState>
      {/* Composed by hand so the header is a plain div: Mantine's <header> would add a second banner landmark. */}
      <Modal.Root opened={editing !== null} onClose={() => setEditing(null)} size="lg" centered>
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header component="div">
            <Modal.Title fw={650} fz="lg">
              {editing === 'new' || editing === null
                ? t('outcomes.targets.addTitle', { year: py })
                : t('outcomes.targets.editTitle', { year: editing.programYear })}
            </Modal.Title>
            <Modal.CloseButton aria-label={t('common.close')} />
          </Modal.Header>
          <Modal.Body>
            {editing !== null && (
              <TargetForm
                key={editing === 'new' ? 'new' : editing.id}
                programYear={editing === 'new' ? py : editing.programYear}
                target={editing === 'new' ? undefined : editing}
                existing={list.data?.items ?? []}
                onCancel={() => setEditing(null)}
                onSaved={(message) => {
                  setEditing(null);
                  setSaved(message);
                }}
              />
            )}
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}

function TargetsTable({
  programYear,
  items,
  total,
  filtered,
  busy,
  manage,
  onEdit,
  onRemoved,
}: {
  programYear: number;
  items: OutcomeTarget[];
  total: number;
  filtered: boolean;
  busy: boolean;
  manage: boolean;
  onEdit: (target: OutcomeTarget) => void;
  onRemoved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const indicatorLabel = useIndicatorLabel();
  const scopeName = useScopeName();
  const value = useValue();
  const remove = useMutation({
    mutationFn: removeTarget,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['outcomes', 'targets'] }),
  });
  const caption = t('outcomes.targets.tableTitle', { year: programYear });
  return (
    <Stack gap="xs">
      {filtered && (
        <Text size="sm" c="dimmed" role="status">
          {t('outcomes.targets.shown', { n: f.number(items.length), total: f.number(total) })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-busy={busy} verticalSpacing="xs">
          <Table.Caption className="visually-hidden">{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('outcomes.fields.indicator')}</Table.Th>
              <Table.Th scope="col">{t('outcomes.targets.scope')}</Table.Th>
              <Table.Th scope="col">{t('outcomes.targets.target')}</Table.Th>
              <Table.Th scope="col">{t('outcomes.targets.actual')}</Table.Th>
              <Table.Th scope="col">{t('outcomes.targets.status')}</Table.Th>
              <Table.Th scope="col">{t('outcomes.targets.trend')}</Table.Th>
              {manage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((target) => {
              const name = `${indicatorLabel(target.indicator)} — ${scopeName(target)}`;
              return (
                <Table.Tr key={target.id} data-target={target.id}>
                  <Table.Th scope="row" fw={600}>
                    {indicatorLabel(target.indicator)}
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm">{scopeName(target)}</Text>
                    {target.scope !== 'partnership' && (
                      <Text size="xs" c="dimmed">
                        {t(`outcomes.targets.scopeKinds.${target.scope}`)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{value(target.indicator, target.target)}</Table.Td>
                  <Table.Td>{value(target.indicator, target.actual)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[target.status]} variant="light" tt="none" miw="max-content">
                      {t(`outcomes.status.${target.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td miw={160}>
                    {target.trend.some((p) => p.value !== null) ? (
                      <Sparkline target={target} label={t('outcomes.targets.trendLabel', { name })} />
                    ) : (
                      <Text size="sm" c="dimmed">
                        {target.trend.some((p) => p.suppressed) ? t('outcomes.suppressed') : t('outcomes.targets.noValues')}
                      </Text>
                    )}
                  </Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('outcomes.targets.editNamed', { name })}
                          onClick={() => onEdit(target)}
                        >
                          {t('common.edit')}
                        </Button>
                        <RemoveButton
                          size="compact-sm"
                          label={t('common.remove')}
                          accessibleName={t('outcomes.targets.removeNamed', { name })}
                          title={t('outcomes.targets.removeNamed', { name })}
                          message={t('outcomes.targets.removeConfirm', { name, year: target.programYear })}
                          onConfirm={async () => {
                            await remove.mutateAsync(target.id);
                            onRemoved(name);
                          }}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The four quarters of the year against the target line; the numbers are in the chart's hidden table. */
function Sparkline({ target, label }: { target: OutcomeTarget; label: string }) {
  const { t } = useTranslation();
  const value = useValue();
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 2, right: 2, top: 6, bottom: 6 },
      xAxis: { type: 'category', show: false, data: target.trend.map((p) => p.quarter) },
      yAxis: { type: 'value', show: false, min: 0, max: (e: { max: number }) => Math.max(e.max, target.target) },
      series: [
        {
          type: 'line',
          symbolSize: 4,
          data: target.trend.map((p) => p.value),
          color: LINE_COLORS[target.status],
          markLine: {
            symbol: 'none',
            silent: true,
            label: { show: false },
            lineStyle: { type: 'dashed' },
            data: [{ yAxis: target.target }],
          },
        },
      ],
    }),
    [target],
  );
  return (
    <Chart
      option={option}
      height={40}
      label={label}
      table={{
        columns: [t('outcomes.dashboard.quarter'), t('outcomes.fields.value')],
        rows: target.trend.map((p) => [p.quarter, p.suppressed ? t('outcomes.suppressed') : value(target.indicator, p.value)]),
      }}
    />
  );
}

interface Values {
  indicator: TargetIndicator | '';
  scope: TargetScope;
  scopeKey: string;
  target: number | string;
}

const toBody = (v: Values, programYear: number) => ({
  indicator: v.indicator || undefined,
  scope: v.scope,
  ...(v.scope === 'partnership' || !v.scopeKey ? {} : { scopeKey: v.scopeKey }),
  programYear,
  target: v.target === '' ? undefined : Number(v.target),
});

const sameTarget = (a: Pick<OutcomeTarget, 'indicator' | 'scope' | 'scopeKey'>, v: Values) =>
  a.indicator === v.indicator && a.scope === v.scope && (v.scope === 'partnership' || a.scopeKey === v.scopeKey);

/**
 * Adds a target, or changes the level of one. A target is one (year, indicator, scope): to aim at
 * something else, remove it and add another, so its history never silently moves to a new scope.
 */
function TargetForm({
  programYear,
  target,
  existing,
  onCancel,
  onSaved,
}: {
  programYear: number;
  target?: OutcomeTarget;
  existing: OutcomeTarget[];
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const indicatorLabel = useIndicatorLabel();
  const scopeName = useScopeName();
  const [provider, setProvider] = useState<Option | null>(
    target?.scope === 'provider' ? { value: target.scopeKey, label: target.scopeLabel ?? target.scopeKey } : null,
  );
  const form = useForm<Values>({
    initialValues: {
      indicator: target?.indicator ?? '',
      scope: target?.scope ?? 'partnership',
      scopeKey: target?.scopeKey ?? '',
      target: target?.target ?? '',
    },
    validateInputOnBlur: true,
    validate: (v) => zodErrors(targetBody, toBody(v, programYear), { scopeKey: 'choose', indicator: 'choose' }) as never,
  });
  const v = form.getValues();
  const initiatives = useQuery({ ...allInitiativesQuery, enabled: !target && v.scope === 'initiative' });
  const streams = useQuery({ ...fundingStreamsQuery, enabled: !target && v.scope === 'funding_stream' });
  const scopeLabelOf = (values: Values) => {
    if (values.scope === 'initiative') return initiatives.data?.items.find((i) => i.id === values.scopeKey)?.name ?? '';
    if (values.scope === 'funding_stream') return streams.data?.find((s) => s.id === values.scopeKey)?.name ?? '';
    return scopeName({ scope: values.scope, scopeKey: values.scopeKey, scopeLabel: null });
  };
  const save = useMutation({
    mutationFn: (values: Values) => setTarget(toBody(values, programYear) as never),
    onSuccess: async (_data, values) => {
      await qc.invalidateQueries({ queryKey: ['outcomes', 'targets'] });
      const name = `${indicatorLabel(values.indicator as TargetIndicator)} — ${
        target ? scopeName(target) : values.scope === 'provider' ? (provider?.label ?? '') : scopeLabelOf(values)
      }`;
      onSaved(t('outcomes.targets.saved', { name }));
    },
    onError: (e) => showServerErrors(form, e),
  });
  const partnershipOnly = v.indicator !== '' && PARTNERSHIP_ONLY_INDICATORS.includes(v.indicator);
  const dollars = v.indicator !== '' && DOLLAR_INDICATORS.includes(v.indicator);
  const replaces = !target && v.indicator !== '' && existing.some((e) => sameTarget(e, v));
  const choose = { value: '', label: t('outcomes.targets.choose') };
  const submitLabel = target ? t('outcomes.targets.save') : t('outcomes.targets.add');
  const pickScope = (scope: TargetScope) => {
    form.setFieldValue('scope', scope);
    form.setFieldValue('scopeKey', '');
    form.clearFieldError('scopeKey');
    setProvider(null);
  };

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} aria-label={submitLabel}>
      <Stack>
        {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
        {target ? (
          <Stack gap={2}>
            <Text fw={600}>{indicatorLabel(target.indicator)}</Text>
            <Text size="sm">
              {scopeName(target)}
              {target.scope !== 'partnership' && ` (${t(`outcomes.targets.scopeKinds.${target.scope}`)})`}
            </Text>
            <Text size="sm" c="dimmed">
              {t('outcomes.targets.fixed')}
            </Text>
          </Stack>
        ) : (
          <>
            <NativeSelect
              label={t('outcomes.fields.indicator')}
              required
              data-autofocus
              data={[choose, ...TARGET_INDICATORS.map((i) => ({ value: i, label: indicatorLabel(i) }))]}
              {...form.getInputProps('indicator')}
              onChange={(e) => {
                const indicator = e.currentTarget.value as Values['indicator'];
                form.setFieldValue('indicator', indicator);
                if (indicator && PARTNERSHIP_ONLY_INDICATORS.includes(indicator) && v.scope !== 'partnership') pickScope('partnership');
              }}
            />
            <NativeSelect
              label={t('outcomes.targets.scope')}
              required
              description={partnershipOnly ? t('outcomes.targets.partnershipOnly') : undefined}
              data={TARGET_SCOPES.map((s) => ({
                value: s,
                label: t(`outcomes.targets.scopeKinds.${s}`),
                disabled: partnershipOnly && s !== 'partnership',
              }))}
              {...form.getInputProps('scope')}
              onChange={(e) => pickScope(e.currentTarget.value as TargetScope)}
            />
            {v.scope === 'program' && (
              <NativeSelect
                label={t('outcomes.fields.program')}
                required
                data={[choose, ...WIOA_PROGRAM_KEYS.map((p) => ({ value: p, label: t(`outcomes.programs.${p}`) }))]}
                {...form.getInputProps('scopeKey')}
              />
            )}
            {v.scope === 'provider' && (
              <RemoteSelect
                label={t('outcomes.targets.scopeKinds.provider')}
                description={t('outcomes.targets.providerHint')}
                required
                value={v.scopeKey || null}
                selected={provider}
                queryKey={['organizations', 'search']}
                search={searchOrganizations}
                onChange={(o) => {
                  setProvider(o);
                  form.setFieldValue('scopeKey', o?.value ?? '');
                  form.clearFieldError('scopeKey');
                }}
                error={form.errors.scopeKey}
                testId="target-provider"
              />
            )}
            {v.scope === 'initiative' && (
              <NativeSelect
                label={t('outcomes.targets.scopeKinds.initiative')}
                required
                disabled={!initiatives.data}
                description={initiatives.data?.items.length === 0 ? t('outcomes.targets.noInitiatives') : undefined}
                data={[choose, ...(initiatives.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))]}
                {...form.getInputProps('scopeKey')}
              />
            )}
            {v.scope === 'funding_stream' && (
              <NativeSelect
                label={t('outcomes.targets.scopeKinds.funding_stream')}
                required
                disabled={!streams.data}
                description={streams.data?.length === 0 ? t('outcomes.targets.noStreams') : undefined}
                data={[choose, ...(streams.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
                {...form.getInputProps('scopeKey')}
              />
            )}
            {(initiatives.isError || streams.isError) && <ErrorAlert error={initiatives.error ?? streams.error} />}
          </>
        )}
        <NumberInput
          label={
            v.indicator === ''
              ? t('outcomes.targets.target')
              : t(`outcomes.targets.targetIn.${v.indicator === 'median_starting_wage' ? 'hourly' : dollars ? 'quarterly' : 'percent'}`)
          }
          required
          min={0}
          max={dollars ? 1_000_000 : 100}
          // Say what is wrong rather than quietly change the number typed.
          clampBehavior="none"
          decimalScale={dollars ? 2 : 1}
          leftSection={dollars ? '$' : undefined}
          rightSection={dollars || v.indicator === '' ? undefined : '%'}
          data-autofocus={target ? true : undefined}
          {...form.getInputProps('target')}
        />
        {replaces && (
          <Alert color="yellow" role="status">
            {t('outcomes.targets.replaces')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
