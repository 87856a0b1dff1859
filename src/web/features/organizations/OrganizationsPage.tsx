import { Button, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS } from '../../../shared/roles.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { type OrganizationsSearch, organizationsQuery } from './organizations.api.ts';

const route = getRouteApi('/app/admin/organizations');

export function OrganizationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(organizationsQuery(search));
  const filtered = Boolean(search.q || search.kind);

  // A new search or filter starts again at page 1.
  const refine = (patch: Partial<OrganizationsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const addButton = can('organizations.manage') && <ButtonLink to="/admin/organizations/new">{t('organizations.new.action')}</ButtonLink>;

  return (
    <>
      <PageHeader title={t('organizations.list.title')} description={t('organizations.list.description')} actions={addButton} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('organizations.list.searchLabel')}>
        <SearchInput
          label={t('organizations.list.search')}
          description={t('organizations.list.searchHint')}
          value={search.q ?? ''}
          onSearch={(q) => refine({ q: q || undefined })}
        />
        <FilterSelect
          label={t('fields.kind')}
          allLabel={t('organizations.list.allKinds')}
          value={search.kind}
          options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`organizationKinds.${k}`) }))}
          onChange={(kind) => refine({ kind })}
        />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('organizations.list.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ q: undefined, kind: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('organizations.list.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('organizations.list.emptyTitle')} action={addButton}>
                {t(can('organizations.manage') ? 'organizations.list.emptyManage' : 'organizations.list.empty')}
              </EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={640}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="organizations-table">
                  <Table.Caption className="visually-hidden">{t('organizations.list.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('organizations.fields.kind')}</Table.Th>
                      <Table.Th scope="col">{t('fields.county')}</Table.Th>
                      <Table.Th scope="col">{t('fields.naics')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('organizations.fields.memberCount')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((o) => (
                      <Table.Tr key={o.id}>
                        <Table.Td>
                          <AnchorLink to="/admin/organizations/$organizationId" params={{ organizationId: o.id }} fw={600}>
                            {o.name}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{t(`organizationKinds.${o.kind}`)}</Table.Td>
                        <Table.Td>{o.countyName ?? <MissingValue />}</Table.Td>
                        <Table.Td>{o.naicsTitle ? `${o.naics} — ${o.naicsTitle}` : <MissingValue />}</Table.Td>
                        <Table.Td ta="right">{f.number(o.memberCount)}</Table.Td>
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

function MissingValue() {
  const { t } = useTranslation();
  return (
    <Text span c="dimmed" size="sm">
      {t('common.notSet')}
    </Text>
  );
}
