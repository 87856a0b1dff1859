import { Alert, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokenPasswordBody } from '../../../shared/schemas/auth.ts';
import { api, isApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FieldMessage, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { tokenFromHash } from './token.ts';

const newPassword = tokenPasswordBody.pick({ password: true });

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromHash);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: (v) => ({
      ...zodErrors(newPassword, { password: v.password }),
      ...(v.confirm !== v.password ? { confirm: <FieldMessage code="mismatch" /> } : {}),
    }),
  });
  const complete = useMutation({
    mutationFn: (v: typeof form.values) => api.post('/auth/password-reset/complete', { token, password: v.password }),
    onError: (e) => showServerErrors(form, e),
  });

  if (!token || (isApiError(complete.error) && complete.error.code === 'token_invalid')) {
    return (
      <Stack>
        <PageHeader title={t('auth.reset.title')} />
        <Alert color="red" variant="light" role="alert">
          {token ? t('errors.token_invalid') : t('auth.linkIncomplete')}
        </Alert>
        <AnchorLink to="/forgot-password">{t('auth.reset.askAgain')}</AnchorLink>
      </Stack>
    );
  }

  if (complete.isSuccess) {
    return (
      <Stack>
        <PageHeader title={t('auth.reset.doneTitle')} />
        <Alert color="green" variant="light" role="status">
          {t('auth.reset.done')}
        </Alert>
        <ButtonLink to="/sign-in">{t('auth.signIn.submit')}</ButtonLink>
      </Stack>
    );
  }

  return (
    <form noValidate onSubmit={form.onSubmit((v) => complete.mutate(v))}>
      <Stack>
        <PageHeader title={t('auth.reset.title')} description={t('auth.reset.description')} />
        {complete.isError && <ErrorAlert error={complete.error} />}
        <NewPasswordFields form={form} />
        <Text size="sm" c="dimmed">
          {t('auth.reset.signsOutEverywhere')}
        </Text>
        <Button type="submit" loading={complete.isPending} fullWidth>
          {t('auth.reset.submit')}
        </Button>
      </Stack>
    </form>
  );
}
