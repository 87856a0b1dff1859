import { Badge, Button, Group, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BODY_KINDS } from '../../../shared/schemas/governance.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { NewBodyForm } from './GovernanceForms.tsx';
import { type BodiesSearch, bodiesQuery } from './governance.api.ts';
import { quorumRuleText } from './labels.ts';

const route = getRouteApi('/app/governance');

export function GovernanceBodiesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(bodiesQuery(search));
  const [creating, setCreating] = useState(false);
  const filtered = Boolean(search.q || search.kind || search.initiativeId);
  const refine = (patch: Partial<BodiesSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });

  return (
    <>
      <PageHeader
        title={t('governance.bodies.title')}
        description={t(can('governance.manage') ? 'governance.bodies.descriptionManage' : 'governance.bodies.description')}
        actions={
          can('governance.manage') && !creating ? (
            <Button onClick={() => setCreating(true)}>{t('partnership.governance.newBody')}</Button>
          ) : null
        }
      />
      {creating && <NewBodyForm onDone={() => setCreating(false)} />}
      <Group align="flex-end" mb="md" role="search" aria-label={t('governance.bodies.searchLabel')}>
        <SearchInput label={t('governance.bodies.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('governance.fields.bodyKind')}
          allLabel={t('governance.bodies.allKinds')}
          value={search.kind}
          options={BODY_KINDS.map((k) => ({ value: k, label: t(`governance.bodyKinds.${k}`) }))}
          onChange={(kind) => refine({ kind })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('governance.bodies.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ q: undefined, kind: undefined, initiativeId: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('governance.bodies.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('governance.bodies.emptyTitle')}>{t('governance.bodies.empty')}</EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={720}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="bodies-table">
                  <Table.Caption className="visually-hidden">{t('governance.bodies.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.bodyKind')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('governance.fields.seats')}
                      </Table.Th>
                      <Table.Th scope="col">{t('governance.fields.quorumRule')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.passingRule')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((b) => (
                      <Table.Tr key={b.id}>
                        <Table.Td>
                          <Group gap="xs">
                            <AnchorLink to="/governance/bodies/$bodyId" params={{ bodyId: b.id }} fw={600}>
                              {b.name}
                            </AnchorLink>
                            {b.mySeat && (
                              <Badge size="sm" variant="light">
                                {t(b.mySeat.voting ? 'governance.bodies.yourVotingSeat' : 'governance.bodies.yourSeat')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{t(`governance.bodyKinds.${b.kind}`)}</Table.Td>
                        <Table.Td ta="right">
                          {t('governance.bodies.seatCount', { seats: f.number(b.currentSeats), voting: f.number(b.currentVotingSeats) })}
                        </Table.Td>
                        <Table.Td>{quorumRuleText(t, b.quorumRule)}</Table.Td>
                        <Table.Td>{t(`governance.passingRules.${b.passingRule}`)}</Table.Td>
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
