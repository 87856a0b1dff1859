import { Badge, Button, Group, NativeSelect, Paper, Progress, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STRATEGY_STATUSES, type StrategySummary, strategyBody } from '../../../shared/schemas/strategies.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { allInitiativesQuery } from '../initiatives/initiatives.api.ts';
import { createStrategy, type StrategiesSearch, searchUsers, strategiesQuery } from './strategies.api.ts';

const route = getRouteApi('/app/strategies');

export const STRATEGY_COLORS: Record<StrategySummary['status'], string> = {
  planned: 'gray',
  active: 'green',
  paused: 'yellow',
  completed: 'blue',
};

export function StrategiesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(strategiesQuery(search));
  const [creating, setCreating] = useState(false);
  const filtered = Boolean(search.q || search.status || search.initiativeId);
  const refine = (patch: Partial<StrategiesSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });

  return (
    <>
      <PageHeader
        title={t('partnership.strategies.title')}
        description={t('partnership.strategies.description')}
        actions={
          can('strategies.manage') && !creating ? (
            <Button onClick={() => setCreating(true)}>{t('partnership.strategies.new')}</Button>
          ) : null
        }
      />
      {creating && <NewStrategyForm onDone={() => setCreating(false)} initiativeId={search.initiativeId} />}
      <Group align="flex-end" mb="md" role="search" aria-label={t('partnership.strategies.searchLabel')}>
        <SearchInput label={t('partnership.strategies.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('partnership.fields.status')}
          allLabel={t('partnership.initiatives.allStatuses')}
          value={search.status}
          options={STRATEGY_STATUSES.map((s) => ({ value: s, label: t(`partnership.strategyStatus.${s}`) }))}
          onChange={(status) => refine({ status })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('partnership.strategies.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ q: undefined, status: undefined, initiativeId: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('partnership.initiatives.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('partnership.strategies.emptyTitle')}>
                {t(can('strategies.manage') ? 'partnership.strategies.emptyManage' : 'partnership.strategies.empty')}
              </EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={820}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="strategies-table">
                  <Table.Caption className="visually-hidden">{t('partnership.strategies.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('partnership.fields.strategy')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.owner')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.progress')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.nextMilestone')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.lastUpdate')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>
                          <AnchorLink to="/strategies/$strategyId" params={{ strategyId: s.id }} fw={600}>
                            {s.title}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={STRATEGY_COLORS[s.status]}>
                            {t(`partnership.strategyStatus.${s.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{s.owner?.name ?? '—'}</Table.Td>
                        <Table.Td miw={160}>
                          <Text size="sm">
                            {t('partnership.strategies.progressText', {
                              done: f.number(s.progress.done),
                              total: f.number(s.progress.milestones),
                            })}
                          </Text>
                          <Progress value={s.progress.percentDone} size="sm" aria-hidden />
                          {s.progress.overdue + s.progress.atRisk > 0 && (
                            <Text size="xs" c="red.8">
                              {t('partnership.strategies.attention', { overdue: s.progress.overdue, atRisk: s.progress.atRisk })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {s.nextMilestone ? (
                            <>
                              <Text size="sm">{s.nextMilestone.title}</Text>
                              <Text size="xs" c="dimmed">
                                {t('partnership.commitments.due', { date: f.date(s.nextMilestone.dueOn) })}
                              </Text>
                            </>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        <Table.Td>{s.lastUpdateOn ? f.date(s.lastUpdateOn) : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <ListPagination
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onChange={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
              />
            </>
          )
        }
      </QueryState>
    </>
  );
}

interface NewValues {
  title: string;
  description: string;
  status: string;
  initiativeId: string;
  startsOn: string;
  endsOn: string;
  objectives: string;
}

function NewStrategyForm({ onDone, initiativeId }: { onDone: () => void; initiativeId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initiatives = useQuery(allInitiativesQuery);
  const [owner, setOwner] = useState<Option | null>(null);
  const toBody = (v: NewValues) => ({
    title: v.title,
    description: v.description,
    status: v.status,
    initiativeId: v.initiativeId || null,
    ownerId: owner?.value ?? null,
    startsOn: v.startsOn || null,
    endsOn: v.endsOn || null,
    objectives: v.objectives
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean)
      .map((title) => ({ title })),
  });
  const form = useForm<NewValues>({
    initialValues: {
      title: '',
      description: '',
      status: 'planned',
      initiativeId: initiativeId ?? '',
      startsOn: '',
      endsOn: '',
      objectives: '',
    },
    validate: (v) => zodErrors(strategyBody, toBody(v)),
  });
  const save = useMutation({
    mutationFn: (v: NewValues) => createStrategy(strategyBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: ['strategies'] });
      onDone();
      await navigate({
        to: '/strategies/$strategyId',
        params: { strategyId: s.id },
        state: { flash: { key: 'partnership.strategies.created' } },
      });
    },
  });
  return (
    <Paper withBorder p="md" mb="lg" bg="gray.0">
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('partnership.strategies.new')}>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <TextInput label={t('partnership.fields.title')} required maxLength={300} {...form.getInputProps('title')} />
          <Textarea label={t('partnership.fields.description')} autosize minRows={2} {...form.getInputProps('description')} />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('partnership.initiatives.filter')}
              data={[
                { value: '', label: t('partnership.strategies.noInitiative') },
                ...(initiatives.data?.items ?? []).map((i) => ({ value: i.id, label: i.name })),
              ]}
              {...form.getInputProps('initiativeId')}
            />
            <NativeSelect
              label={t('partnership.fields.status')}
              data={STRATEGY_STATUSES.map((s) => ({ value: s, label: t(`partnership.strategyStatus.${s}`) }))}
              {...form.getInputProps('status')}
            />
            <RemoteSelect
              label={t('partnership.fields.owner')}
              value={owner?.value ?? null}
              selected={owner}
              queryKey={['users', 'pick']}
              search={searchUsers}
              onChange={setOwner}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('partnership.fields.startsOn')} type="date" {...form.getInputProps('startsOn')} />
            <TextInput label={t('partnership.fields.endsOn')} type="date" {...form.getInputProps('endsOn')} />
          </Group>
          <Textarea
            label={t('partnership.fields.objectives')}
            description={t('partnership.strategies.objectivesHint')}
            autosize
            minRows={2}
            {...form.getInputProps('objectives')}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('partnership.strategies.create')}
            </Button>
            <Button variant="default" onClick={onDone} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
