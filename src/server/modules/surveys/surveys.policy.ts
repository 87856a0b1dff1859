import type { Access } from '../../platform/http.ts';

// Who may do what with employer needs surveys (docs/employer-surveys.md).
// - manage (business services, director, admin): build, send, remind, close; see the recipients, each
//   employer's own answers and the CSV export: the people who run employer engagement.
// - read (the above, and analysts): the survey and its aggregated results only — response rate and
//   totals by occupation, never who said what, and never free text.
// Respondents have no account: the emailed one-time token is their whole authority, for one survey.
export const surveysPolicy = {
  read: 'surveys.read',
  manage: 'surveys.manage',
} as const satisfies Record<string, Access>;
