import type { Initiative } from '../../../shared/schemas/initiatives.ts';

export const STATUS_COLORS: Record<Initiative['status'], string> = {
  planning: 'gray',
  active: 'green',
  sustaining: 'blue',
  closed: 'dark',
};

/** Dollars from cents, in the reader's language. */
export function money(locale: string, cents: number): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(cents / 100);
}
