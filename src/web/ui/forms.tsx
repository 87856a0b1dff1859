import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { LIMITS } from '../../shared/limits.ts';
import { isApiError } from '../api/client.ts';
import { formField } from './errors.ts';

// Forms validate with the very zod schemas the server uses (src/shared/schemas), and show the server's
// field errors beside the same inputs. Messages are components, so they follow a language switch.

type Values = Record<string, string | number | undefined>;

export function FieldMessage({ code, values }: { code: string; values?: Values }) {
  const { t } = useTranslation();
  return <>{t(`fieldErrors.${code}`, { min: LIMITS.passwordMin, ...values, defaultValue: t('fieldErrors.invalid') })}</>;
}

type Issue = z.core.$ZodIssue;

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let v = body;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function messageFor(issue: Issue, override?: string): ReactNode {
  switch (issue.code) {
    case 'too_small':
      return <FieldMessage code={issue.origin === 'string' ? 'too_short' : 'too_small'} values={{ min: Number(issue.minimum) }} />;
    case 'too_big':
      return <FieldMessage code={issue.origin === 'string' ? 'too_long' : 'too_big'} values={{ max: Number(issue.maximum) }} />;
    case 'invalid_format':
      if (override) return <FieldMessage code={override} />;
      return <FieldMessage code={issue.format === 'email' || issue.format === 'url' ? issue.format : 'invalid_format'} />;
    case 'invalid_union': {
      const first = issue.errors[0]?.[0];
      return first ? messageFor(first, override) : <FieldMessage code={override ?? 'invalid'} />;
    }
    case 'invalid_type':
      return <FieldMessage code={override ?? 'invalid'} />;
    case 'invalid_value':
      return <FieldMessage code="choose" />;
    default:
      return <FieldMessage code={override ?? 'invalid'} />;
  }
}

/**
 * Runs a shared zod schema over what the form would send. `overrides` names the message to use for a
 * field whose format is wrong (an EIN or a ZIP code says more than "invalid format").
 */
export function zodErrors(schema: z.ZodType, body: unknown, overrides: Record<string, string> = {}): Record<string, ReactNode> {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const errors: Record<string, ReactNode> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    if (path in errors) continue;
    // Whatever the rule, an empty field needs filling in first.
    errors[path] = isEmpty(valueAt(body, issue.path)) ? <FieldMessage code="required" /> : messageFor(issue, overrides[path]);
  }
  return errors;
}

interface ErrorTarget {
  setFieldError(path: string, error: ReactNode): void;
  getValues(): object;
}

/** Puts the server's field errors on the form's inputs (the form's alert still says what happened). */
export function showServerErrors(form: ErrorTarget, error: unknown): void {
  if (!isApiError(error)) return;
  const fields = Object.keys(form.getValues());
  for (const fe of error.fieldErrors) {
    const path = formField(fe.field);
    if (fields.includes(path)) form.setFieldError(path, <FieldMessage code={fe.code} />);
  }
  focusFirstError();
}

/** After a refused submit, take the keyboard to the first field that needs attention. */
export function focusFirstError(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus());
}
