import type { Locale } from '../../shared/roles.ts';
import { en, type Messages } from './mail/messages.en.ts';
import { es } from './mail/messages.es.ts';

// Emails in the recipient's language: a user's `locale` (their account page), an employer contact's
// `preferred_language` (the contact form), the language a public form was filled in. The texts live in
// platform/mail/messages.<lang>.ts, one file per language with the same keys.

export const MAIL_MESSAGES: Record<Locale, Messages> = { en, es };

export type MailKind = keyof Messages;

export function renderMail<K extends MailKind>(kind: K, locale: Locale, vars: Parameters<Messages[K]>[0]) {
  const render = MAIL_MESSAGES[locale][kind] as (v: Parameters<Messages[K]>[0]) => { subject: string; text: string };
  return render(vars);
}

/** A calendar date (YYYY-MM-DD) as people write it in that language: "November 26, 2026", "26 de noviembre de 2026". */
export function mailDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );
}

/** The language to write to someone in: theirs when Braid speaks it, else English. */
export function mailLocale(language: string | null | undefined): Locale {
  return language === 'es' ? 'es' : 'en';
}
