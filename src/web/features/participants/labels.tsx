import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ParticipantStatus } from '../../../shared/schemas/participants.ts';

const STATUS_COLORS: Record<ParticipantStatus, string> = {
  draft: 'gray',
  applicant: 'blue',
  enrolled: 'green',
  exited: 'grape',
  merged: 'dark',
};

export function ParticipantStatusBadge({ status }: { status: ParticipantStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} tt="none">
      {t(`participants.status.${status}`)}
    </Badge>
  );
}

/** "$18.50" from integer cents. */
export function money(cents: number | null | undefined, locale: string): string {
  if (cents === null || cents === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** Dollars typed in a form ("18.50") to integer cents; empty is null. */
export function toCents(text: string): number | null {
  const v = text.trim().replace(/[$,]/g, '');
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? Math.round(n * 100) : Number.NaN;
}

/** Empty text is null, so optional fields are cleared rather than sent as "". */
export const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
