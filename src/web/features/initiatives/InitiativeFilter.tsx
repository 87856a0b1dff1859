import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { allInitiativesQuery } from './initiatives.api.ts';

/**
 * "Every list can be filtered by initiative": the same select on every list whose rows carry an
 * initiative, sent as `?initiativeId=`. Hidden while the tenant has none.
 */
export function InitiativeFilter({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation();
  const list = useQuery(allInitiativesQuery);
  const items = list.data?.items ?? [];
  if (items.length === 0 && !value) return null;
  return (
    <NativeSelect
      label={t('partnership.initiatives.filter')}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value || undefined)}
      miw={200}
      data-testid="initiative-filter"
    >
      <option value="">{t('partnership.initiatives.allInitiatives')}</option>
      {items.map((i) => (
        <option key={i.id} value={i.id}>
          {i.name}
        </option>
      ))}
    </NativeSelect>
  );
}
