import { Badge, Button, Group, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_STATUSES, type MeetingSummary } from '../../../shared/schemas/governance.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { bodiesQuery, type MeetingsSearch, meetingsQuery } from './governance.api.ts';

const STATUS_COLORS: Record<MeetingSummary['status'], string> = {
  scheduled: 'blue',
  in_progress: 'green',
  closed: 'gray',
  cancelled: 'red',
};

export function MeetingStatusBadge({ status }: { status: MeetingSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} tt="none">
      {t(`governance.meetingStatus.${status}`)}
    </Badge>
  );
}

const route = getRouteApi('/app/governance/meetings');

export function MeetingsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(meetingsQuery(search));
  const bodies = useQuery(bodiesQuery({ page: 1 }));
  const filtered = Boolean(search.q || search.bodyId || search.status || search.initiativeId);
  const refine = (patch: Partial<MeetingsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });

  return (
    <>
      <PageHeader title={t('governance.meetings.title')} description={t('governance.meetings.description')} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('governance.meetings.searchLabel')}>
        <SearchInput label={t('governance.meetings.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('governance.fields.body')}
          allLabel={t('governance.meetings.allBodies')}
          value={search.bodyId}
          options={(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          onChange={(bodyId) => refine({ bodyId })}
        />
        <FilterSelect
          label={t('fields.status')}
          allLabel={t('governance.meetings.allStatuses')}
          value={search.status}
          options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`governance.meetingStatus.${s}`) }))}
          onChange={(status) => refine({ status })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('governance.meetings.noMatchesTitle')}
                action={
                  <Button
                    variant="default"
                    onClick={() => refine({ q: undefined, bodyId: undefined, status: undefined, initiativeId: undefined })}
                  >
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('governance.meetings.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('governance.meetings.emptyTitle')}>{t('governance.meetings.empty')}</EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={680}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="meetings-table">
                  <Table.Caption className="visually-hidden">{t('governance.meetings.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('governance.fields.meetingTitle')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.startsAt')}</Table.Th>
                      <Table.Th scope="col">{t('fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.minutes')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('governance.fields.motions')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>
                          <AnchorLink to="/governance/meetings/$meetingId" params={{ meetingId: m.id }} fw={600}>
                            {m.title}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{f.dateTime(m.startsAt)}</Table.Td>
                        <Table.Td>
                          <MeetingStatusBadge status={m.status} />
                        </Table.Td>
                        <Table.Td>{t(`governance.minutesStatus.${m.minutesStatus}`)}</Table.Td>
                        <Table.Td ta="right">{f.number(m.motionCount)}</Table.Td>
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
