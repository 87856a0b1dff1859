import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One label and value of a record (inside a <dl className="details">); empty values say so. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {children || (
          <Text span c="dimmed">
            {t('common.notSet')}
          </Text>
        )}
      </dd>
    </>
  );
}
