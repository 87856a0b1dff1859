import { Button, Group, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PARTNERSHIP_ROLES } from '../../../shared/schemas/employers.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { type EmployersSearch, employersQuery } from './employers.api.ts';

const route = getRouteApi('/app/employers');

export function EmployersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(employersQuery(search));
  const refine = (patch: Partial<EmployersSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  return (
    <>
      <PageHeader
        title={t('employers.list.title')}
        description={t('employers.list.description')}
        actions={
          <ButtonLink to="/employers/dashboard" variant="default">
            {t('employers.dashboard.title')}
          </ButtonLink>
        }
      />
      <Group align="flex-end" mb="md" role="search" aria-label={t('employers.list.searchLabel')}>
        <SearchInput label={t('employers.list.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('employers.fields.partnershipRole')}
          allLabel={t('employers.list.allRoles')}
          value={search.partnershipRole}
          options={PARTNERSHIP_ROLES.map((r) => ({ value: r, label: t(`employers.roles.${r}`) }))}
          onChange={(partnershipRole) => refine({ partnershipRole })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={t('employers.list.emptyTitle')}
              action={
                <Button variant="default" onClick={() => refine({ q: undefined, partnershipRole: undefined, initiativeId: undefined })}>
                  {t('common.clearFilters')}
                </Button>
              }
            >
              {t('employers.list.empty')}
            </EmptyState>
          ) : (
            <>
              <Table.ScrollContainer minWidth={640}>
                <Table striped highlightOnHover aria-busy={list.isFetching}>
                  <Table.Caption className="visually-hidden">{t('employers.list.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('employers.fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('employers.fields.industry')}</Table.Th>
                      <Table.Th scope="col">{t('employers.fields.partnershipRole')}</Table.Th>
                      <Table.Th scope="col">{t('employers.fields.owner')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('employers.fields.openJobOrders')}
                      </Table.Th>
                      <Table.Th scope="col">{t('employers.fields.lastInteraction')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td>
                          <AnchorLink to="/employers/$employerId" params={{ employerId: e.id }} fw={600}>
                            {e.name}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{e.naicsTitle ?? '—'}</Table.Td>
                        <Table.Td>{t(`employers.roles.${e.partnershipRole}`)}</Table.Td>
                        <Table.Td>{e.accountOwner?.name ?? '—'}</Table.Td>
                        <Table.Td ta="right">{f.number(e.openJobOrders)}</Table.Td>
                        <Table.Td>{f.date(e.lastInteractionOn)}</Table.Td>
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
