import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptInvitationBody, type InvitationInfo, type Me } from '../../../shared/schemas/auth.ts';
import { api, isApiError } from '../../api/client.ts';
import { applyLocale } from '../../i18n/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FieldMessage, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/QueryState.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { startSession } from './session.ts';
import { tokenFromHash } from './token.ts';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromHash);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.post<InvitationInfo>('/auth/invitation/lookup', { token }),
    enabled: token !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const form = useForm({
    initialValues: { name: '', password: '', confirm: '' },
    validate: (v) => ({
      ...zodErrors(acceptInvitationBody, { token, name: v.name, password: v.password }),
      ...(v.confirm !== v.password ? { confirm: <FieldMessage code="mismatch" /> } : {}),
    }),
  });
  const { setFieldValue } = form;
  const invitedName = invitation.data?.name;
  const invitedLocale = invitation.data?.locale;
  // Open the page in the language the invitation was written in.
  useEffect(() => {
    if (invitedLocale) void applyLocale(invitedLocale);
  }, [invitedLocale]);
  // The inviter typed a name; the person may correct it.
  useEffect(() => {
    if (invitedName) setFieldValue('name', invitedName);
  }, [invitedName, setFieldValue]);

  const accept = useMutation({
    mutationFn: (v: typeof form.values) => api.post<Me>('/auth/invitation/accept', { token, name: v.name, password: v.password }),
    onSuccess: async (me) => {
      await startSession(queryClient, me);
      await navigate({ to: '/', state: { flash: { key: 'auth.invite.welcome', values: { tenant: me.tenant.name } } } });
    },
    onError: (e) => showServerErrors(form, e),
  });

  const expired =
    (isApiError(invitation.error) && invitation.error.code === 'token_invalid') ||
    (isApiError(accept.error) && accept.error.code === 'token_invalid');
  if (!token || expired) {
    return (
      <Stack>
        <PageHeader title={t('auth.invite.title')} />
        <Alert color="red" variant="light" role="alert">
          {token ? t('auth.invite.expired') : t('auth.linkIncomplete')}
        </Alert>
      </Stack>
    );
  }
  if (invitation.isPending) return <Loading />;
  if (invitation.isError) return <ErrorAlert error={invitation.error} onRetry={() => void invitation.refetch()} />;

  return (
    <form noValidate onSubmit={form.onSubmit((v) => accept.mutate(v))}>
      <Stack>
        <PageHeader title={t('auth.invite.title')} description={t('auth.invite.description', { tenant: invitation.data.tenantName })} />
        <Text>
          {t('auth.invite.forEmail')} <strong>{invitation.data.email}</strong>
        </Text>
        {accept.isError && <ErrorAlert error={accept.error} />}
        <TextInput label={t('fields.yourName')} autoComplete="name" required {...form.getInputProps('name')} />
        <NewPasswordFields form={form} />
        <Button type="submit" loading={accept.isPending} fullWidth>
          {t('auth.invite.submit')}
        </Button>
      </Stack>
    </form>
  );
}
