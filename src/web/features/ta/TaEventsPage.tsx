import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { capacityEventBody, TA_TOPICS } from '../../../shared/schemas/ta.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { allInitiativesQuery } from '../initiatives/initiatives.api.ts';
import { createEvent, type EventsSearch, eventsQuery } from './ta.api.ts';

const route = getRouteApi('/app/ta/events');

export function TaEventsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const manage = can('ta.manage');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(eventsQuery(search));
  const [creating, setCreating] = useState(false);
  const filtered = Boolean(search.q || search.topic || search.initiativeId);
  const refine = (patch: Partial<EventsSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  return (
    <>
      <PageHeader
        title={t('partnership.events.title')}
        description={t('partnership.events.description')}
        actions={manage && !creating ? <Button onClick={() => setCreating(true)}>{t('partnership.events.new')}</Button> : null}
      />
      {creating && <NewEventForm onDone={() => setCreating(false)} />}
      <Group align="flex-end" mb="md" role="search" aria-label={t('partnership.events.searchLabel')}>
        <SearchInput label={t('partnership.events.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('partnership.fields.topic')}
          allLabel={t('partnership.ta.allTopics')}
          value={search.topic}
          options={TA_TOPICS.map((s) => ({ value: s, label: t(`partnership.taTopics.${s}`) }))}
          onChange={(topic) => refine({ topic })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('partnership.events.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ q: undefined, topic: undefined, initiativeId: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('partnership.initiatives.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('partnership.events.emptyTitle')}>
                {t(manage ? 'partnership.events.emptyManage' : 'partnership.events.empty')}
              </EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={720}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="ta-events-table">
                  <Table.Caption className="visually-hidden">{t('partnership.events.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('partnership.fields.event')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.heldOn')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.topic')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.facilitator')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('partnership.fields.attended')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td>
                          <AnchorLink to="/ta/events/$eventId" params={{ eventId: e.id }} fw={600}>
                            {e.title}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{f.date(e.heldOn)}</Table.Td>
                        <Table.Td>{t(`partnership.taTopics.${e.topic}`)}</Table.Td>
                        <Table.Td>{e.facilitator ?? '—'}</Table.Td>
                        <Table.Td ta="right">
                          <Text size="sm">
                            {t('partnership.events.attendance', { people: f.number(e.attended), organizations: f.number(e.organizations) })}
                          </Text>
                        </Table.Td>
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

interface EventValues {
  title: string;
  topic: string;
  description: string;
  heldOn: string;
  durationMinutes: string;
  facilitator: string;
  location: string;
  initiativeId: string;
}

function NewEventForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initiatives = useQuery(allInitiativesQuery);
  const toBody = (v: EventValues) => ({
    title: v.title,
    topic: v.topic,
    description: v.description,
    heldOn: v.heldOn,
    durationMinutes: v.durationMinutes === '' ? null : Number(v.durationMinutes),
    facilitator: v.facilitator,
    location: v.location,
    initiativeId: v.initiativeId || null,
  });
  const form = useForm<EventValues>({
    initialValues: {
      title: '',
      topic: '',
      description: '',
      heldOn: '',
      durationMinutes: '',
      facilitator: '',
      location: '',
      initiativeId: '',
    },
    validate: (v) => zodErrors(capacityEventBody, toBody(v)),
  });
  const save = useMutation({
    mutationFn: (v: EventValues) => createEvent(capacityEventBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (e) => {
      await queryClient.invalidateQueries({ queryKey: ['ta'] });
      onDone();
      await navigate({ to: '/ta/events/$eventId', params: { eventId: e.id }, state: { flash: { key: 'partnership.events.created' } } });
    },
  });
  return (
    <Paper withBorder p="md" mb="lg" bg="gray.0">
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('partnership.events.new')}>
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <TextInput label={t('partnership.fields.title')} required maxLength={300} {...form.getInputProps('title')} />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('partnership.fields.topic')}
              required
              data={[
                { value: '', label: t('partnership.common.choose') },
                ...TA_TOPICS.map((x) => ({ value: x, label: t(`partnership.taTopics.${x}`) })),
              ]}
              {...form.getInputProps('topic')}
            />
            <TextInput label={t('partnership.fields.heldOn')} type="date" required {...form.getInputProps('heldOn')} />
            <TextInput label={t('partnership.fields.durationMinutes')} type="number" min={1} {...form.getInputProps('durationMinutes')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('partnership.fields.facilitator')} maxLength={200} {...form.getInputProps('facilitator')} />
            <TextInput label={t('partnership.fields.location')} maxLength={300} {...form.getInputProps('location')} />
            <NativeSelect
              label={t('partnership.initiatives.filter')}
              data={[
                { value: '', label: t('partnership.strategies.noInitiative') },
                ...(initiatives.data?.items ?? []).map((i) => ({ value: i.id, label: i.name })),
              ]}
              {...form.getInputProps('initiativeId')}
            />
          </Group>
          <Textarea label={t('partnership.fields.description')} autosize minRows={2} {...form.getInputProps('description')} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('partnership.events.create')}
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
