import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../shared/schemas/governance.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { type CallsSearch, callsQuery } from './calls.api.ts';

const route = getRouteApi('/app/governance/calls');

export function CallStatusBadge({ call }: { call: Call }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={call.status === 'open' ? 'blue' : 'gray'} tt="none">
      {t(`partnership.calls.status.${call.status}`)}
    </Badge>
  );
}

/** Partner staff: the calls for proposals they may answer, and those their organization answered. */
export function CallsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(callsQuery(search));
  const filtered = Boolean(search.q || search.initiativeId);
  const refine = (patch: Partial<CallsSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  return (
    <>
      <PageHeader title={t('partnership.calls.title')} description={t('partnership.calls.description')} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('partnership.calls.searchLabel')}>
        <SearchInput label={t('partnership.calls.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('partnership.calls.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ q: undefined, initiativeId: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('partnership.calls.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('partnership.calls.emptyTitle')}>{t('partnership.calls.empty')}</EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={640}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="calls-table">
                  <Table.Caption className="visually-hidden">{t('partnership.calls.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('governance.fields.solicitation')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.deadline')}</Table.Th>
                      <Table.Th scope="col">{t('fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.calls.yourProposal')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          <AnchorLink to="/governance/calls/$callId" params={{ callId: c.id }} fw={600}>
                            {c.title}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{f.dateTime(c.deadline)}</Table.Td>
                        <Table.Td>
                          <CallStatusBadge call={c} />
                        </Table.Td>
                        <Table.Td>
                          {c.myProposals.length === 0 ? (
                            <Text size="sm" c="dimmed">
                              {t('partnership.calls.notYet')}
                            </Text>
                          ) : (
                            c.myProposals.map((p) => (
                              <Text key={p.id} size="sm">
                                {p.title} · {t(`partnership.calls.proposalStatus.${p.status}`)}
                              </Text>
                            ))
                          )}
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
