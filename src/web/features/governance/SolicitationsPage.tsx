import { Badge, Button, Group, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SOLICITATION_STATUSES, type Solicitation } from '../../../shared/schemas/governance.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { type SolicitationsSearch, solicitationsQuery } from './governance.api.ts';

const STATUS_COLORS: Record<Solicitation['status'], string> = {
  draft: 'gray',
  open: 'blue',
  review: 'orange',
  awarded: 'green',
  cancelled: 'red',
};

export function SolicitationStatusBadge({ status }: { status: Solicitation['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} tt="none">
      {t(`governance.solicitationStatus.${status}`)}
    </Badge>
  );
}

const route = getRouteApi('/app/governance/solicitations');

export function SolicitationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(solicitationsQuery(search));
  const filtered = Boolean(search.q || search.status || search.initiativeId);
  const refine = (patch: Partial<SolicitationsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  return (
    <>
      <PageHeader title={t('governance.solicitations.title')} description={t('governance.solicitations.description')} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('governance.solicitations.searchLabel')}>
        <SearchInput label={t('governance.solicitations.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('fields.status')}
          allLabel={t('governance.meetings.allStatuses')}
          value={search.status}
          options={SOLICITATION_STATUSES.map((s) => ({ value: s, label: t(`governance.solicitationStatus.${s}`) }))}
          onChange={(status) => refine({ status })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('governance.solicitations.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ q: undefined, status: undefined, initiativeId: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('governance.solicitations.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('governance.solicitations.emptyTitle')}>{t('governance.solicitations.empty')}</EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={680}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="solicitations-table">
                  <Table.Caption className="visually-hidden">{t('governance.solicitations.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('governance.fields.solicitation')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.body')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.deadline')}</Table.Th>
                      <Table.Th scope="col">{t('fields.status')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('governance.fields.proposals')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>
                          <Group gap="xs">
                            <AnchorLink to="/governance/solicitations/$solicitationId" params={{ solicitationId: s.id }} fw={600}>
                              {s.title}
                            </AnchorLink>
                            {s.amReviewer && (
                              <Badge size="sm" variant="light">
                                {t('governance.solicitations.youReview')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{s.body.name}</Table.Td>
                        <Table.Td>{f.dateTime(s.deadline)}</Table.Td>
                        <Table.Td>
                          <SolicitationStatusBadge status={s.status} />
                        </Table.Td>
                        <Table.Td ta="right">{f.number(s.proposalCount)}</Table.Td>
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
