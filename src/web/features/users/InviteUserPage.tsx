import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale, type Role } from '../../../shared/roles.ts';
import { inviteUserBody, type UserSummary } from '../../../shared/schemas/users.ts';
import { api } from '../../api/client.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { organizationQuery, searchOrganizations } from '../organizations/organizations.api.ts';
import { RoleSelect } from './RoleSelect.tsx';

const route = getRouteApi('/app/admin/users/invite');

export function InviteUserPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const preselected = useQuery({ ...organizationQuery(search.organizationId ?? ''), enabled: Boolean(search.organizationId) });
  const [organization, setOrganization] = useState<Option | null>(null);
  const form = useForm({
    initialValues: {
      name: '',
      email: '',
      organizationId: search.organizationId ?? '',
      role: '' as Role | '',
      locale: currentLocale() as Locale,
    },
    validate: (v) => zodErrors(inviteUserBody, { ...v, name: v.name.trim(), email: v.email.trim(), role: v.role || undefined }),
  });
  const invite = useMutation({
    mutationFn: (v: typeof form.values) => api.post<UserSummary>('/users/invitations', inviteUserBody.parse({ ...v, role: v.role })),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      await queryClient.invalidateQueries({ queryKey: ['home'] });
      await navigate({
        to: '/admin/users/$userId',
        params: { userId: user.id },
        state: { flash: { key: 'users.invite.done', values: { email: user.email } } },
      });
    },
    onError: (e) => showServerErrors(form, e),
  });
  const chosen = organization ?? (preselected.data ? { value: preselected.data.id, label: preselected.data.name } : null);

  return (
    <>
      <PageHeader title={t('users.invite.title')} description={t('users.invite.description')} />
      <form noValidate onSubmit={form.onSubmit((v) => invite.mutate(v), focusFirstError)}>
        <Stack maw={560}>
          {invite.isError && <ErrorAlert error={invite.error} title={t('users.invite.failed')} />}
          <TextInput label={t('fields.name')} autoComplete="off" required maxLength={200} {...form.getInputProps('name')} />
          <TextInput
            label={t('fields.email')}
            description={t('users.invite.emailHint')}
            type="email"
            autoComplete="off"
            required
            maxLength={254}
            {...form.getInputProps('email')}
          />
          <RemoteSelect
            label={t('fields.organization')}
            description={t('users.invite.organizationHint')}
            required
            value={form.values.organizationId || null}
            selected={chosen}
            queryKey={['organizations', 'options']}
            search={searchOrganizations}
            onChange={(option) => {
              setOrganization(option);
              form.setFieldValue('organizationId', option?.value ?? '');
            }}
            error={form.errors.organizationId}
            testId="organization-select"
          />
          <RoleSelect value={form.values.role} onChange={(role) => form.setFieldValue('role', role)} error={form.errors.role} />
          <NativeSelect
            label={t('fields.language')}
            description={t('users.invite.languageHint')}
            data={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            {...form.getInputProps('locale')}
          />
          <Group>
            <Button type="submit" loading={invite.isPending}>
              {t('users.invite.submit')}
            </Button>
            <Button variant="default" onClick={() => navigate({ to: '/admin/users' })} disabled={invite.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
