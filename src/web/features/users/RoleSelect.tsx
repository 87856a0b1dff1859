import { Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/roles.ts';

/** Roles by name, with a line on what the chosen one may do (so nobody grants "admin" by guesswork). */
export function RoleSelect({ value, onChange, error }: { value: Role | ''; onChange: (role: Role | '') => void; error?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('fields.role')}
      description={value ? t(`roleDescriptions.${value}`) : t('users.chooseRole')}
      required
      data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      value={value || null}
      onChange={(v) => onChange((v ?? '') as Role | '')}
      error={error}
      allowDeselect={false}
      data-testid="role-select"
    />
  );
}
