import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.ts';
import { PasswordField } from '../../ui/PasswordField.tsx';

export interface NewPasswordValues {
  password: string;
  confirm: string;
}

/** "Choose a password" and "type it again", with the rules said up front. */
export function NewPasswordFields<V extends NewPasswordValues>({ form }: { form: UseFormReturnType<V> }) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordField
        label={t('fields.newPassword')}
        description={t('auth.passwordRules', { min: LIMITS.passwordMin })}
        autoComplete="new-password"
        required
        {...form.getInputProps('password')}
      />
      <PasswordField label={t('fields.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
    </>
  );
}
