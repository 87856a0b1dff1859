// Stable error codes. The server maps each to one HTTP status (server/platform/errors.ts);
// the web app maps each to a translated message.
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  duplicate_suspected: 409,
  email_taken: 409,
  weak_password: 422,
  token_invalid: 410,
  // A survey link that has already been used to answer.
  survey_answered: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // Governance: why a vote, a score or a proposal was refused.
  not_a_member: 403,
  non_voting_seat: 403,
  recused: 403,
  not_a_reviewer: 403,
  not_present: 409,
  voting_not_open: 409,
  voting_closed: 409,
  quorum_not_met: 409,
  deadline_passed: 409,
  // Referrals: consent does not cover the receiving organization or data; a status step out of order.
  consent_required: 409,
  invalid_transition: 409,
  // Uploads.
  file_too_large: 413,
  file_type_not_allowed: 415,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  errors?: FieldError[];
  /** consent_required: the organization the participant's consent must name and the data categories it lacks. */
  missing?: ConsentMissing;
}

export interface ConsentMissing {
  organizationId: string;
  organizationName: string;
  /** Every category the referral needs when no consent names the organization; else those not covered. */
  categories: string[];
}
