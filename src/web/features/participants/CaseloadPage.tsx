import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/schemas/common.ts';
import type { HomeSummary } from '../../../shared/schemas/home.ts';
import { PARTICIPANT_STATUSES, type SavedFilter } from '../../../shared/schemas/participants.ts';
import type { UserSummary } from '../../../shared/schemas/users.ts';
import { api } from '../../api/client.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { ParticipantStatusBadge } from './labels.tsx';
import {
  type CaseloadSearch,
  caseloadQuery,
  cohortsQuery,
  fundingStreamsQuery,
  programsQuery,
  savedFiltersQuery,
} from './participants.api.ts';

const route = getRouteApi('/app/participants');
const CASELOAD_TASKS = ['follow_up_due', 'plan_step_due', 'consent_expiring', 'exit_proposed'];
const FILTER_KEYS = ['q', 'status', 'fundingStreamId', 'cohortId', 'navigatorUserId', 'initiativeId', 'mine'] as const;

export function CaseloadPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(caseloadQuery(search));
  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined);
  const refine = (patch: Partial<CaseloadSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const clear = () => navigate({ search: {}, replace: true });

  return (
    <>
      <PageHeader
        title={t('participants.caseload.title')}
        description={t('participants.caseload.description')}
        actions={can('participants.manage') && <ButtonLink to="/participants/new">{t('participants.intake.action')}</ButtonLink>}
      />
      <Stack gap="lg">
        <CaseloadTasks />
        <section aria-labelledby="caseload-list-heading">
          <Title order={2} size="h3" id="caseload-list-heading" mb="sm">
            {t('participants.caseload.listTitle')}
          </Title>
          <Filters search={search} refine={refine} />
          <SavedFilters search={search} apply={(s) => navigate({ search: s, replace: true })} />
          <QueryState query={list}>
            {(data) =>
              data.items.length === 0 ? (
                filtered ? (
                  <EmptyState
                    title={t('participants.caseload.noMatchesTitle')}
                    action={
                      <Button variant="default" onClick={clear}>
                        {t('common.clearFilters')}
                      </Button>
                    }
                  >
                    {t('participants.caseload.noMatches')}
                  </EmptyState>
                ) : (
                  <EmptyState
                    title={t('participants.caseload.emptyTitle')}
                    action={can('participants.manage') && <ButtonLink to="/participants/new">{t('participants.intake.action')}</ButtonLink>}
                  >
                    {t('participants.caseload.empty')}
                  </EmptyState>
                )
              ) : (
                <>
                  <Text size="sm" c="dimmed" mb="xs" data-testid="caseload-count">
                    {data.totalCapped
                      ? t('participants.caseload.countCapped', { total: f.number(data.total) })
                      : t('participants.caseload.count', { count: data.total, total: f.number(data.total) })}
                  </Text>
                  <Table.ScrollContainer minWidth={760}>
                    <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="caseload-table">
                      <Table.Caption className="visually-hidden">{t('participants.caseload.listTitle')}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('participants.fields.name')}</Table.Th>
                          <Table.Th scope="col">{t('fields.status')}</Table.Th>
                          <Table.Th scope="col">{t('fields.organization')}</Table.Th>
                          <Table.Th scope="col">{t('participants.fields.navigator')}</Table.Th>
                          <Table.Th scope="col">{t('participants.fields.entryDate')}</Table.Th>
                          <Table.Th scope="col">{t('participants.fields.lastService')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {data.items.map((p) => (
                          <Table.Tr key={p.id}>
                            <Table.Td>
                              <AnchorLink to="/participants/$participantId" params={{ participantId: p.id }} fw={600}>
                                {p.lastName}, {p.firstName}
                              </AnchorLink>
                              {p.basis === 'consent' && (
                                <Text size="xs" c="dimmed">
                                  {t('participants.caseload.sharedWithYou')}
                                </Text>
                              )}
                            </Table.Td>
                            <Table.Td>
                              <ParticipantStatusBadge status={p.status} />
                            </Table.Td>
                            <Table.Td>{p.ownerOrganizationName}</Table.Td>
                            <Table.Td>{p.navigatorName ?? '—'}</Table.Td>
                            <Table.Td>
                              {f.date(p.entryDate)}
                              {p.exitDate && (
                                <Text size="xs" c="dimmed">
                                  {t('participants.caseload.exitedOn', { date: f.date(p.exitDate) })}
                                </Text>
                              )}
                            </Table.Td>
                            <Table.Td>{f.date(p.lastServiceDate)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                  <ListPagination
                    page={data.page}
                    pageSize={data.pageSize}
                    total={data.total}
                    totalCapped={data.totalCapped}
                    onChange={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
                  />
                </>
              )
            }
          </QueryState>
        </section>
      </Stack>
    </>
  );
}

function Filters({ search, refine }: { search: CaseloadSearch; refine: (patch: Partial<CaseloadSearch>) => void }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const streams = useQuery({ ...fundingStreamsQuery, enabled: can('funding_streams.read') });
  const programs = useQuery({ ...programsQuery, enabled: can('training.read') });
  // Cohorts are listed per program; a partnership runs a handful of programs.
  const cohorts = useQueries({ queries: (programs.data ?? []).map((p) => cohortsQuery(p.id)) });
  const navigators = useQuery({
    queryKey: ['users', 'navigators'],
    queryFn: () => api.get<Page<UserSummary>>('/users', { pageSize: 100, role: 'navigator' }),
    enabled: can('users.read'),
  });
  return (
    <Group align="flex-end" mb="sm" role="search" aria-label={t('participants.caseload.searchLabel')} wrap="wrap">
      <SearchInput
        label={t('participants.caseload.search')}
        description={t('participants.caseload.searchHint')}
        value={search.q ?? ''}
        onSearch={(q) => refine({ q: q || undefined })}
      />
      <FilterSelect
        label={t('fields.status')}
        allLabel={t('participants.caseload.allStatuses')}
        value={search.status}
        options={PARTICIPANT_STATUSES.filter((s) => s !== 'merged').map((s) => ({ value: s, label: t(`participants.status.${s}`) }))}
        onChange={(status) => refine({ status })}
      />
      {streams.data && (
        <FilterSelect
          label={t('participants.fields.program')}
          allLabel={t('participants.caseload.allPrograms')}
          value={search.fundingStreamId}
          options={streams.data.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(fundingStreamId) => refine({ fundingStreamId })}
        />
      )}
      {programs.data && (
        <FilterSelect
          label={t('participants.fields.cohort')}
          allLabel={t('participants.caseload.allCohorts')}
          value={search.cohortId}
          options={cohorts.flatMap((c) => (c.data ?? []).map((o) => ({ value: o.id, label: `${o.trainingProgramName} — ${o.name}` })))}
          onChange={(cohortId) => refine({ cohortId })}
        />
      )}
      {navigators.data && (
        <FilterSelect
          label={t('participants.fields.navigator')}
          allLabel={t('participants.caseload.allNavigators')}
          value={search.navigatorUserId}
          options={navigators.data.items.map((u) => ({ value: u.id, label: u.name }))}
          onChange={(navigatorUserId) => refine({ navigatorUserId })}
        />
      )}
      <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      <Checkbox
        label={t('participants.caseload.mine')}
        checked={search.mine === 'true'}
        onChange={(e) => refine({ mine: e.currentTarget.checked ? 'true' : undefined })}
        mb={8}
      />
    </Group>
  );
}

function toSearch(filter: SavedFilter): CaseloadSearch {
  const { mine, organizationId: _org, ...rest } = filter.filters;
  return { ...rest, mine: mine ? 'true' : undefined, page: undefined };
}

function SavedFilters({ search, apply }: { search: CaseloadSearch; apply: (s: CaseloadSearch) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const saved = useQuery(savedFiltersQuery);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const { page: _page, mine, ...rest } = search;
  const save = useMutation({
    mutationFn: () =>
      api.post<SavedFilter>('/participants/saved-filters', { name: name.trim(), filters: { ...rest, mine: mine === 'true' || undefined } }),
    onSuccess: (f) => {
      setName('');
      setChosen(f.id);
      void queryClient.invalidateQueries({ queryKey: savedFiltersQuery.queryKey });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/participants/saved-filters/${id}`),
    onSuccess: () => {
      setChosen('');
      void queryClient.invalidateQueries({ queryKey: savedFiltersQuery.queryKey });
    },
  });
  const filters = saved.data ?? [];
  return (
    <Paper withBorder p="sm" mb="md" component="section" aria-labelledby="saved-filters-heading">
      <Text id="saved-filters-heading" fw={600} size="sm" mb={4}>
        {t('participants.caseload.savedFilters')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        {filters.length > 0 && (
          <>
            <NativeSelect
              label={t('participants.caseload.useSaved')}
              value={chosen}
              onChange={(e) => {
                const id = e.currentTarget.value;
                setChosen(id);
                const f = filters.find((x) => x.id === id);
                if (f) apply(toSearch(f));
              }}
              miw={200}
            >
              <option value="">{t('participants.caseload.chooseSaved')}</option>
              {filters.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </NativeSelect>
            {chosen && (
              <Button variant="subtle" color="red" onClick={() => remove.mutate(chosen)} loading={remove.isPending}>
                {t('participants.caseload.deleteSaved')}
              </Button>
            )}
          </>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) save.mutate();
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t('participants.caseload.saveAs')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={100}
            />
            <Button type="submit" variant="default" loading={save.isPending} disabled={!name.trim()}>
              {t('participants.caseload.save')}
            </Button>
          </Group>
        </form>
      </Group>
      {(save.isError || remove.isError) && <ErrorAlert error={save.error ?? remove.error} />}
    </Paper>
  );
}

function CaseloadTasks() {
  const { t } = useTranslation();
  const f = useFormat();
  const home = useQuery({ queryKey: ['home'], queryFn: () => api.get<HomeSummary>('/home') });
  const tasks = (home.data?.tasks ?? []).filter((task) => CASELOAD_TASKS.includes(task.kind));
  return (
    <section aria-labelledby="caseload-tasks-heading">
      <Title order={2} size="h3" id="caseload-tasks-heading" mb="sm">
        {t('participants.caseload.tasksTitle')}
      </Title>
      {home.isPending ? null : tasks.length === 0 ? (
        <Text c="dimmed">{t('participants.caseload.noTasks')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="caseload-tasks">
            <Table.Caption className="visually-hidden">{t('participants.caseload.tasksTitle')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('participants.caseload.task')}</Table.Th>
                <Table.Th scope="col">{t('participants.caseload.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.slice(0, 10).map((task) => (
                <Table.Tr key={`${task.kind}:${task.subjectId}:${task.due}`}>
                  <Table.Td>
                    {task.subjectId ? (
                      <AnchorLink to="/participants/$participantId" params={{ participantId: task.subjectId }}>
                        {t(`home.tasks.${task.kind}.text`, { subject: task.subject })}
                      </AnchorLink>
                    ) : (
                      t(`home.tasks.${task.kind}.text`, { subject: task.subject })
                    )}
                  </Table.Td>
                  <Table.Td>{f.date(task.due)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
