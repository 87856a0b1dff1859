import { Alert, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles.ts';
import { membershipBody, type UserSummary } from '../../../shared/schemas/users.ts';
import { api } from '../../api/client.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { Detail } from '../../ui/Detail.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { AuditPanel } from '../audit/AuditPanel.tsx';
import { useMe, usePermissions } from '../auth/session.ts';
import { searchOrganizations } from '../organizations/organizations.api.ts';
import { RoleSelect } from './RoleSelect.tsx';
import { UserStatusBadge } from './UserStatusBadge.tsx';
import { userQuery } from './users.api.ts';

const route = getRouteApi('/app/admin/users/$userId');

export function UserDetailPage() {
  const { userId } = route.useParams();
  const user = useQuery(userQuery(userId));
  return <QueryState query={user}>{(u) => <UserDetail user={u} />}</QueryState>;
}

/** After any change: the new record in the cache, and lists and history refreshed. */
function useUserChanged() {
  const queryClient = useQueryClient();
  return async (user: UserSummary) => {
    queryClient.setQueryData(userQuery(user.id).queryKey, user);
    await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    await queryClient.invalidateQueries({ queryKey: ['audit'] });
    await queryClient.invalidateQueries({ queryKey: ['home'] });
  };
}

function UserDetail({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const can = usePermissions();
  const changed = useUserChanged();
  const [notice, setNotice] = useState<string | null>(null);
  const resend = useMutation({
    mutationFn: () => api.post(`/users/${user.id}/resend-invitation`),
    onSuccess: () => setNotice(t('users.detail.resent', { email: user.email })),
  });
  const self = user.id === me.user.id;

  return (
    <>
      <PageHeader
        title={user.name}
        description={
          <Group gap="xs" component="span">
            <Text span>{user.email}</Text>
            <UserStatusBadge status={user.status} />
          </Group>
        }
        actions={
          can('users.manage') && (
            <>
              {user.status === 'invited' && (
                <Button variant="default" onClick={() => resend.mutate()} loading={resend.isPending}>
                  {t('users.detail.resend')}
                </Button>
              )}
              {user.status === 'disabled' ? (
                <ConfirmButton
                  danger={false}
                  title={t('users.detail.enableTitle', { name: user.name })}
                  message={t('users.detail.enableMessage')}
                  confirmLabel={t('users.detail.enable')}
                  onConfirm={async () => {
                    await changed(await api.post<UserSummary>(`/users/${user.id}/enable`));
                    setNotice(t('users.detail.enabled', { name: user.name }));
                  }}
                >
                  {t('users.detail.enable')}
                </ConfirmButton>
              ) : (
                !self && (
                  <ConfirmButton
                    color="red"
                    variant="outline"
                    title={t('users.detail.disableTitle', { name: user.name })}
                    message={t('users.detail.disableMessage')}
                    confirmLabel={t('users.detail.disable')}
                    onConfirm={async () => {
                      await changed(await api.post<UserSummary>(`/users/${user.id}/disable`));
                      setNotice(t('users.detail.disabled', { name: user.name }));
                    }}
                  >
                    {t('users.detail.disable')}
                  </ConfirmButton>
                )
              )}
            </>
          )
        }
      />
      <Stack gap="md" mb="md">
        {notice && (
          <Alert
            color="green"
            variant="light"
            role="status"
            withCloseButton
            closeButtonLabel={t('common.dismiss')}
            onClose={() => setNotice(null)}
          >
            {notice}
          </Alert>
        )}
        {resend.isError && <ErrorAlert error={resend.error} />}
      </Stack>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Paper withBorder p="lg" component="section" aria-labelledby="user-details">
              <Title order={2} size="h4" id="user-details" mb="md">
                {t('users.detail.details')}
              </Title>
              <dl className="details">
                <Detail label={t('fields.email')}>{user.email}</Detail>
                <Detail label={t('fields.status')}>{t(`userStatus.${user.status}`)}</Detail>
                <Detail label={t('fields.language')}>{t(`languages.${user.locale}`)}</Detail>
                <Detail label={t('users.fields.lastSignIn')}>
                  {user.lastSignInAt ? f.dateTime(user.lastSignInAt) : t('users.neverSignedIn')}
                </Detail>
                <Detail label={t('fields.createdAt')}>{f.dateTime(user.createdAt)}</Detail>
              </dl>
            </Paper>
            <Memberships user={user} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{can('audit.read') && <AuditPanel entityType="user" entityId={user.id} />}</Grid.Col>
      </Grid>
    </>
  );
}

function Memberships({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const changed = useUserChanged();
  const manage = can('memberships.manage');
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="user-roles">
      <Title order={2} size="h4" id="user-roles" mb={4}>
        {t('users.detail.roles')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('users.detail.rolesHelp')}
      </Text>
      {user.memberships.length === 0 ? (
        <Text mb="md">{t(manage ? 'users.detail.noRolesManage' : 'users.noRoles')}</Text>
      ) : (
        <Table mb="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('fields.organization')}</Table.Th>
              <Table.Th scope="col">{t('fields.role')}</Table.Th>
              {manage && (
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {user.memberships.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <AnchorLink to="/admin/organizations/$organizationId" params={{ organizationId: m.organizationId }}>
                    {m.organizationName}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{t(`roles.${m.role}`)}</Table.Td>
                {manage && (
                  <Table.Td ta="right">
                    <ConfirmButton
                      size="xs"
                      color="red"
                      variant="subtle"
                      title={t('users.detail.removeRoleTitle')}
                      message={t('users.detail.removeRoleMessage', {
                        name: user.name,
                        role: t(`roles.${m.role}`),
                        organization: m.organizationName,
                      })}
                      confirmLabel={t('common.remove')}
                      onConfirm={async () => changed(await api.delete<UserSummary>(`/users/${user.id}/memberships/${m.id}`))}
                    >
                      {t('common.remove')}
                      <span className="visually-hidden">
                        {' '}
                        {t('users.roleAt', { role: t(`roles.${m.role}`), organization: m.organizationName })}
                      </span>
                    </ConfirmButton>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manage && <AddMembership user={user} />}
    </Paper>
  );
}

function AddMembership({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const changed = useUserChanged();
  const [organization, setOrganization] = useState<Option | null>(null);
  const form = useForm({
    initialValues: { organizationId: '', role: '' as Role | '' },
    validate: (v) => zodErrors(membershipBody, { organizationId: v.organizationId, role: v.role || undefined }),
  });
  const add = useMutation({
    mutationFn: (v: typeof form.values) => api.post<UserSummary>(`/users/${user.id}/memberships`, membershipBody.parse(v)),
    onSuccess: async (saved) => {
      await changed(saved);
      form.reset();
      setOrganization(null);
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => add.mutate(v), focusFirstError)} aria-labelledby="add-role-heading">
      <Title order={3} size="h5" id="add-role-heading" mb="xs">
        {t('users.detail.addRole')}
      </Title>
      <Stack gap="sm">
        {add.isError && <ErrorAlert error={add.error} />}
        <RemoteSelect
          label={t('fields.organization')}
          required
          value={form.values.organizationId || null}
          selected={organization}
          queryKey={['organizations', 'options']}
          search={searchOrganizations}
          onChange={(option) => {
            setOrganization(option);
            form.setFieldValue('organizationId', option?.value ?? '');
          }}
          error={form.errors.organizationId}
        />
        <RoleSelect value={form.values.role} onChange={(role) => form.setFieldValue('role', role)} error={form.errors.role} />
        <Group>
          <Button type="submit" loading={add.isPending} variant="light">
            {t('users.detail.addRoleSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
