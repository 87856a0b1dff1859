import { useTranslation } from 'react-i18next';

// A calendar date ("2026-12-01") names a day, not an instant: shown as is, whatever the time zone.
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Dates and numbers in the reader's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const date = (iso: string | null | undefined) =>
    iso
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(DATE_ONLY.test(iso) ? { timeZone: 'UTC' } : {}) }).format(new Date(iso))
      : '—';
  return {
    dateTime: (iso: string | null | undefined) =>
      iso && !DATE_ONLY.test(iso)
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
        : date(iso),
    date,
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
  };
}
