import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Me, signInBody } from '../../../shared/schemas/auth.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PasswordField } from '../../ui/PasswordField.tsx';
import { startSession } from './session.ts';

const route = getRouteApi('/public/sign-in');

export function SignInPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: (values) => zodErrors(signInBody, values),
  });
  const signIn = useMutation({
    mutationFn: (body: typeof form.values) => api.post<Me>('/auth/sign-in', body),
    onSuccess: async (me) => {
      await startSession(queryClient, me);
      router.history.push(search.redirect ?? '/');
    },
    onError: (e) => showServerErrors(form, e),
  });

  return (
    <form noValidate onSubmit={form.onSubmit((values) => signIn.mutate(values))}>
      <Stack>
        <PageHeader title={t('auth.signIn.title')} description={t('auth.signIn.description')} />
        {search.signedOut && !signIn.isError && (
          <Alert color="green" variant="light" role="status">
            {t('auth.signIn.signedOut')}
          </Alert>
        )}
        {signIn.isError && <ErrorAlert error={signIn.error} title={t('auth.signIn.failed')} />}
        <TextInput label={t('fields.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
        <PasswordField label={t('fields.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
        <Button type="submit" loading={signIn.isPending} fullWidth>
          {t('auth.signIn.submit')}
        </Button>
        <AnchorLink to="/forgot-password" size="sm" ta="center">
          {t('auth.signIn.forgot')}
        </AnchorLink>
      </Stack>
    </form>
  );
}
