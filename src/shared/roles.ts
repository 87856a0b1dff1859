// Roles of DESIGN.md §1 and the permissions each one grants. One table, read by the server's
// policies and by the web app's navigation, so the two can never disagree.

export const ROLES = [
  'admin',
  'director',
  'navigator',
  'business_services',
  'analyst',
  'partner_staff',
  'employer_user',
  'funder_viewer',
  'board_member',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'home.view',
  'account.manage',
  'users.read',
  'users.manage',
  'organizations.read',
  'organizations.manage',
  'memberships.manage',
  'audit.read',
  'codes.read',
  'participants.read',
  'participants.read_all',
  'participants.manage',
  'participants.reveal',
  'participants.merge',
  'participants.import',
  'participants.export',
  // A participant-level file with no identified data (participants.deidentified.ts): for analysts.
  'participants.export_deidentified',
  'funding_streams.read',
  'funding_streams.manage',
  'training.read',
  'training.manage',
  // Partnership workspace (issue 5). Governance is by seat, not by role: anyone may hold a seat or
  // review proposals, so 'governance.participate' is broad and every record is scoped to the caller's
  // seats, reviews and own declarations; 'governance.manage' sees and runs everything.
  'initiatives.read',
  'initiatives.manage',
  'governance.participate',
  'governance.manage',
  'strategies.read',
  'strategies.report',
  'strategies.manage',
  'ta.request',
  'ta.manage',
  // Partner organizations' staff answer calls for proposals for their own organizations; they never
  // see other proposals, scores or rankings (governance/calls.service.ts).
  'proposals.submit',
  // Outcomes (issue 7): aggregate reports (small cells suppressed unless read_detail), PIRL and wage
  // imports, and the identified PIRL export.
  'outcomes.read',
  'outcomes.read_detail',
  'outcomes.import',
  'outcomes.export',
  // Demand side (issue 4). Employer users hold job_orders.* and candidates.decide, scoped in
  // employers.policy.ts to their own organization's job orders.
  'employers.read',
  'employers.manage',
  'job_orders.read',
  'job_orders.manage',
  'matching.run',
  'candidates.refer',
  'candidates.decide',
  'living_wages.manage',
  // Service directory and referrals (issue 6). directory.maintain: one's own organization's entries;
  // directory.manage: the intermediary curates all. Record-level rules live in referrals.policy.ts.
  'directory.read',
  'directory.maintain',
  'directory.manage',
  'referrals.send',
  'referrals.receive',
  'referrals.manage',
  'referrals.delete',
  'referrals.report',
  // Setting targets, and drilling from a count down to the identified participants behind it.
  'outcomes.manage',
  'outcomes.drilldown',
  // Employer needs surveys: surveys.read opens the aggregated results; surveys.manage builds and sends
  // surveys and sees who answered what (docs/employer-surveys.md).
  'surveys.read',
  'surveys.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const everyone: Permission[] = ['home.view', 'account.manage', 'codes.read'];
// Participants (issue 3): record-level access (caseload, consent) is decided in participants.policy.ts;
// these only open the routes. Analysts and funders get no identified data; employer users none at all.
const caseWork: Permission[] = [
  'participants.read',
  'participants.manage',
  'participants.reveal',
  // Navigators bring their own caseload spreadsheets in; they can only file them under their organization.
  'participants.import',
  'participants.export',
  'funding_streams.read',
  'training.read',
  'training.manage',
];
const participantDirector: Permission[] = [
  ...caseWork,
  'participants.read_all',
  'participants.export_deidentified',
  'funding_streams.manage',
];
const participantAdmin: Permission[] = [
  'participants.read',
  'participants.read_all',
  'participants.merge',
  'participants.import',
  'participants.export',
  'funding_streams.read',
  'funding_streams.manage',
  'training.read',
  'training.manage',
];
const demandSide: Permission[] = [
  'employers.read',
  'employers.manage',
  'job_orders.read',
  'job_orders.manage',
  'matching.run',
  'candidates.refer',
  'candidates.decide',
  'living_wages.manage',
];
const partnerCaseWork: Permission[] = ['participants.read', 'funding_streams.read', 'training.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...everyone,
    'users.read',
    'users.manage',
    'organizations.read',
    'organizations.manage',
    'memberships.manage',
    'audit.read',
    ...participantAdmin,
    'outcomes.import',
    'outcomes.export',
    'directory.read',
    'directory.manage',
    'surveys.read',
    'surveys.manage',
  ],
  director: [
    ...everyone,
    'users.read',
    'organizations.read',
    'organizations.manage',
    'audit.read',
    'initiatives.read',
    'initiatives.manage',
    'governance.participate',
    'governance.manage',
    'strategies.read',
    'strategies.report',
    'strategies.manage',
    'ta.request',
    'ta.manage',
    ...participantDirector,
    'outcomes.read',
    'outcomes.read_detail',
    'outcomes.import',
    'outcomes.export',
    ...demandSide,
    'directory.read',
    'directory.manage',
    'referrals.send',
    'referrals.manage',
    'referrals.delete',
    'referrals.report',
    'outcomes.manage',
    'outcomes.drilldown',
    'surveys.read',
    'surveys.manage',
  ],
  navigator: [
    ...everyone,
    'organizations.read',
    'employers.read',
    'job_orders.read',
    'initiatives.read',
    'governance.participate',
    'strategies.read',
    'strategies.report',
    'ta.request',
    ...caseWork,
    'directory.read',
    'referrals.send',
    'referrals.report',
  ],
  business_services: [
    ...everyone,
    'organizations.read',
    'organizations.manage',
    'initiatives.read',
    'governance.participate',
    'strategies.read',
    'strategies.report',
    'ta.request',
    'ta.manage',
    'training.read',
    ...demandSide,
    'directory.read',
    'surveys.read',
    'surveys.manage',
  ],
  analyst: [
    ...everyone,
    'organizations.read',
    'employers.read',
    'job_orders.read',
    'living_wages.manage',
    'initiatives.read',
    'governance.participate',
    'strategies.read',
    'strategies.report',
    // Data staff take technical-assistance requests about data and reporting.
    'ta.request',
    'funding_streams.read',
    'training.read',
    'outcomes.read',
    'outcomes.read_detail',
    'participants.export_deidentified',
    'directory.read',
    'referrals.report',
    'surveys.read',
  ],
  partner_staff: [
    ...everyone,
    'organizations.read',
    'initiatives.read',
    'governance.participate',
    'strategies.read',
    'strategies.report',
    'ta.request',
    ...partnerCaseWork,
    'directory.read',
    'directory.maintain',
    'referrals.receive',
    'proposals.submit',
    // Reports of the referrals its organization sent or received (referrals.reports.policy.ts).
    'referrals.report',
  ],
  employer_user: [
    ...everyone,
    'initiatives.read',
    'governance.participate',
    'strategies.read',
    'job_orders.read',
    'job_orders.manage',
    'candidates.decide',
  ],
  funder_viewer: [...everyone, 'initiatives.read', 'governance.participate', 'strategies.read', 'outcomes.read'],
  board_member: [...everyone, 'organizations.read', 'initiatives.read', 'governance.participate', 'strategies.read', 'strategies.report'],
};

export function permissionsFor(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

export const ORGANIZATION_KINDS = [
  'intermediary',
  'employer',
  'training_provider',
  'education',
  'community_org',
  'public_agency',
  'funder',
  'union',
  'economic_development',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
