import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../shared/roles.ts';
import { USER_STATUSES } from '../../../shared/schemas/users.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { organizationQuery, searchOrganizations } from '../organizations/organizations.api.ts';
import { UserStatusBadge } from './UserStatusBadge.tsx';
import { type UsersSearch, usersQuery } from './users.api.ts';

const route = getRouteApi('/app/admin/users');

export function UsersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(usersQuery(search));
  const organization = useQuery({ ...organizationQuery(search.organizationId ?? ''), enabled: Boolean(search.organizationId) });
  const filtered = Boolean(search.q || search.status || search.role || search.organizationId);

  // A new search or filter starts again at page 1.
  const refine = (patch: Partial<UsersSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const inviteButton = can('users.manage') && (
    <ButtonLink to="/admin/users/invite" search={{ organizationId: search.organizationId }}>
      {t('users.invite.action')}
    </ButtonLink>
  );

  return (
    <>
      <PageHeader title={t('users.list.title')} description={t('users.list.description')} actions={inviteButton} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('users.list.searchLabel')} wrap="wrap">
        <SearchInput
          label={t('users.list.search')}
          description={t('users.list.searchHint')}
          value={search.q ?? ''}
          onSearch={(q) => refine({ q: q || undefined })}
        />
        <FilterSelect
          label={t('fields.status')}
          allLabel={t('users.list.allStatuses')}
          value={search.status}
          options={USER_STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
          onChange={(status) => refine({ status })}
        />
        <FilterSelect
          label={t('fields.role')}
          allLabel={t('users.list.allRoles')}
          value={search.role}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={(role) => refine({ role })}
        />
        <div style={{ minWidth: 240 }}>
          <RemoteSelect
            label={t('fields.organization')}
            placeholder={t('users.list.allOrganizations')}
            value={search.organizationId ?? null}
            selected={organization.data && search.organizationId ? { value: organization.data.id, label: organization.data.name } : null}
            queryKey={['organizations', 'options']}
            search={searchOrganizations}
            onChange={(option) => refine({ organizationId: option?.value })}
          />
        </div>
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('users.list.noMatchesTitle')}
                action={
                  <Button
                    variant="default"
                    onClick={() => refine({ q: undefined, status: undefined, role: undefined, organizationId: undefined })}
                  >
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('users.list.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('users.list.emptyTitle')} action={inviteButton}>
                {t('users.list.empty')}
              </EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={720}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="users-table">
                  <Table.Caption className="visually-hidden">{t('users.list.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('users.fields.roles')}</Table.Th>
                      <Table.Th scope="col">{t('users.fields.lastSignIn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((u) => (
                      <Table.Tr key={u.id}>
                        <Table.Td>
                          <AnchorLink to="/admin/users/$userId" params={{ userId: u.id }} fw={600}>
                            {u.name}
                          </AnchorLink>
                          <Text size="sm" c="dimmed">
                            {u.email}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <UserStatusBadge status={u.status} />
                        </Table.Td>
                        <Table.Td>
                          {u.memberships.length === 0 ? (
                            <Text size="sm" c="dimmed">
                              {t('users.noRoles')}
                            </Text>
                          ) : (
                            <Stack gap={0}>
                              {u.memberships.map((m) => (
                                <Text size="sm" key={m.id}>
                                  {t('users.roleAt', { role: t(`roles.${m.role}`), organization: m.organizationName })}
                                </Text>
                              ))}
                            </Stack>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{u.lastSignInAt ? f.dateTime(u.lastSignInAt) : t('users.neverSignedIn')}</Text>
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
