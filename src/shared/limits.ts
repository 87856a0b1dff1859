// Limits shared by the server (enforced) and the web app (shown in forms).
export const LIMITS = {
  passwordMin: 12,
  passwordMax: 256,
  pageSizeDefault: 25,
  pageSizeMax: 100,
  bodyBytes: 1024 * 1024,
  uploadBytes: 20 * 1024 * 1024,
  nameMax: 200,
  emailMax: 254,
  /** Initiative documents and meeting attachments (kept in the database, so kept modest). */
  documentBytes: 10 * 1024 * 1024,
  /** Rows in one CSV export. */
  exportRowsMax: 50_000,
} as const;
