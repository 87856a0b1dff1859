import type { TFunction } from 'i18next';
import { type ApiError, isApiError } from '../api/client.ts';

/** The translated sentence for any error the app can meet. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.internal');
  if (error.code === 'rate_limited' && error.retryAfterSeconds) {
    return t('errors.rate_limited_minutes', { count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
  }
  return t(`errors.${error.code}`, { defaultValue: error.message || t('errors.internal') });
}

/** `body.email` → `email`; `body.address.city` → `address.city`. */
export function formField(field: string): string {
  return field.replace(/^(body|querystring|params)\.?/, '');
}

export function fieldErrorsOf(error: unknown): ApiError['fieldErrors'] {
  return isApiError(error) ? error.fieldErrors : [];
}
