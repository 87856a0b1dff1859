import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { passwordResetRequestBody } from '../../../shared/schemas/auth.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { email: '' }, validate: (values) => zodErrors(passwordResetRequestBody, values) });
  const request = useMutation({
    mutationFn: (body: typeof form.values) => api.post('/auth/password-reset/request', body),
    onError: (e) => showServerErrors(form, e),
  });

  if (request.isSuccess) {
    return (
      <Stack>
        <PageHeader title={t('auth.forgot.sentTitle')} />
        <Alert color="green" variant="light" role="status">
          {t('auth.forgot.sent', { email: form.values.email.trim() })}
        </Alert>
        <Text>{t('auth.forgot.sentHelp')}</Text>
        <AnchorLink to="/sign-in">{t('auth.backToSignIn')}</AnchorLink>
      </Stack>
    );
  }

  return (
    <form noValidate onSubmit={form.onSubmit((values) => request.mutate(values))}>
      <Stack>
        <PageHeader title={t('auth.forgot.title')} description={t('auth.forgot.description')} />
        {request.isError && <ErrorAlert error={request.error} />}
        <TextInput label={t('fields.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
        <Button type="submit" loading={request.isPending} fullWidth>
          {t('auth.forgot.submit')}
        </Button>
        <AnchorLink to="/sign-in" size="sm" ta="center">
          {t('auth.backToSignIn')}
        </AnchorLink>
      </Stack>
    </form>
  );
}
