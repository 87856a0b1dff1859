import { ERROR_STATUS, type ErrorCode, type FieldError, type Problem } from '../../shared/errors.ts';

// The one domain error type. Services throw it with a stable code; the error handler in app.ts is the
// only place that turns a code into an HTTP status (via ERROR_STATUS).
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    /** Machine-readable members added to the problem document (RFC 9457 extension members). */
    readonly extensions?: Pick<Problem, 'missing'>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = 'record') => new AppError('not_found', `No such ${what}.`);
export const forbidden = () => new AppError('forbidden', 'You do not have permission to do this.');
export const fieldError = (code: ErrorCode, field: string, fieldCode: string, message: string) =>
  new AppError(code, message, [{ field, code: fieldCode, message }]);
