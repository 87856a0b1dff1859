import { Alert, Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.ts';
import { changePasswordBody } from '../../../shared/schemas/account.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FieldMessage, focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PasswordField } from '../../ui/PasswordField.tsx';
import { Section } from './Section.tsx';

export function PasswordSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: (v) => ({
      ...zodErrors(changePasswordBody, { currentPassword: v.currentPassword, newPassword: v.newPassword }),
      ...(v.confirm !== v.newPassword ? { confirm: <FieldMessage code="mismatch" /> } : {}),
    }),
  });
  const change = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post('/account/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: async () => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ['account', 'sessions'] });
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <Section id="password-heading" title={t('account.password.title')} description={t('account.password.description')}>
      <form noValidate onSubmit={form.onSubmit((v) => change.mutate(v), focusFirstError)}>
        <Stack maw={420}>
          {change.isSuccess && (
            <Alert color="green" variant="light" role="status">
              {t('account.password.done')}
            </Alert>
          )}
          {change.isError && <ErrorAlert error={change.error} title={t('account.password.failed')} />}
          <PasswordField
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordField
            label={t('fields.newPassword')}
            description={t('auth.passwordRules', { min: LIMITS.passwordMin })}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordField label={t('fields.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
