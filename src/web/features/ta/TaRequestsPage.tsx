import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { TA_STATUSES, TA_TOPICS, TA_URGENCIES, type TaRequest } from '../../../shared/schemas/ta.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { type RequestsSearch, requestsQuery } from './ta.api.ts';

const route = getRouteApi('/app/ta/requests');

export const URGENCY_COLORS: Record<TaRequest['urgency'], string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };
export const TA_STATUS_COLORS: Record<TaRequest['status'], string> = {
  submitted: 'yellow',
  triaged: 'cyan',
  assigned: 'blue',
  resolved: 'green',
  declined: 'gray',
};

export function UrgencyBadge({ urgency }: { urgency: TaRequest['urgency'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={URGENCY_COLORS[urgency]} component="span">
      {t(`partnership.taUrgency.${urgency}`)}
    </Badge>
  );
}

export function TaStatusBadge({ status }: { status: TaRequest['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={TA_STATUS_COLORS[status]} component="span">
      {t(`partnership.taStatus.${status}`)}
    </Badge>
  );
}

export function TaRequestsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const manage = can('ta.manage');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(requestsQuery(search));
  const filtered = Boolean(search.q || search.status || search.topic || search.urgency || search.initiativeId);
  const refine = (patch: Partial<RequestsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const ask = <ButtonLink to="/ta/requests/new">{t('partnership.ta.ask')}</ButtonLink>;

  return (
    <>
      <PageHeader
        title={t('partnership.ta.requestsTitle')}
        description={t(manage ? 'partnership.ta.requestsDescriptionManage' : 'partnership.ta.requestsDescription')}
        actions={ask}
      />
      <Group align="flex-end" mb="md" role="search" aria-label={t('partnership.ta.searchLabel')} wrap="wrap">
        <SearchInput label={t('partnership.ta.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('partnership.fields.status')}
          allLabel={t('partnership.initiatives.allStatuses')}
          value={search.status}
          options={TA_STATUSES.map((s) => ({ value: s, label: t(`partnership.taStatus.${s}`) }))}
          onChange={(status) => refine({ status })}
        />
        <FilterSelect
          label={t('partnership.fields.topic')}
          allLabel={t('partnership.ta.allTopics')}
          value={search.topic}
          options={TA_TOPICS.map((s) => ({ value: s, label: t(`partnership.taTopics.${s}`) }))}
          onChange={(topic) => refine({ topic })}
        />
        <FilterSelect
          label={t('partnership.fields.urgency')}
          allLabel={t('partnership.ta.allUrgencies')}
          value={search.urgency}
          options={TA_URGENCIES.map((s) => ({ value: s, label: t(`partnership.taUrgency.${s}`) }))}
          onChange={(urgency) => refine({ urgency })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('partnership.ta.noMatchesTitle')}
                action={
                  <Button
                    variant="default"
                    onClick={() =>
                      refine({ q: undefined, status: undefined, topic: undefined, urgency: undefined, initiativeId: undefined })
                    }
                  >
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('partnership.initiatives.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('partnership.ta.emptyTitle')} action={ask}>
                {t('partnership.ta.empty')}
              </EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={820}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="ta-requests-table">
                  <Table.Caption className="visually-hidden">{t('partnership.ta.requestsTitle')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('partnership.fields.request')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.organization')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.urgency')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.assignedTo')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.submitted')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>
                          <AnchorLink to="/ta/requests/$requestId" params={{ requestId: r.id }} fw={600}>
                            {r.title}
                          </AnchorLink>
                          <Text size="xs" c="dimmed">
                            {t(`partnership.taTopics.${r.topic}`)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{r.organization.name}</Table.Td>
                        <Table.Td>
                          <UrgencyBadge urgency={r.urgency} />
                        </Table.Td>
                        <Table.Td>
                          <TaStatusBadge status={r.status} />
                        </Table.Td>
                        <Table.Td>{r.assignedTo?.name ?? '—'}</Table.Td>
                        <Table.Td>{f.date(r.createdAt)}</Table.Td>
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
