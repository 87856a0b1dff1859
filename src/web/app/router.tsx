import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { z } from 'zod';
import type { Permission } from '../../shared/roles.ts';
import { isSignedOut } from '../api/client.ts';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { AcceptInvitationPage } from '../features/auth/AcceptInvitationPage.tsx';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { meQuery, usePermissions } from '../features/auth/session.ts';
import { DirectoryDataPage } from '../features/directory/DirectoryDataPage.tsx';
import { DirectoryPage } from '../features/directory/DirectoryPage.tsx';
import { directorySearch } from '../features/directory/directory.api.ts';
import { HolidaysPage } from '../features/directory/HolidaysPage.tsx';
import { ServicePage } from '../features/directory/ServicePage.tsx';
import { EmployerDashboardPage } from '../features/employers/EmployerDashboardPage.tsx';
import { EmployerDetailPage } from '../features/employers/EmployerDetailPage.tsx';
import { EmployersPage } from '../features/employers/EmployersPage.tsx';
import { employerDashboardSearch, employersSearch, jobOrdersSearch } from '../features/employers/employers.api.ts';
import { JobOrderNewPage } from '../features/employers/JobOrderNewPage.tsx';
import { JobOrderPage } from '../features/employers/JobOrderPage.tsx';
import { JobOrdersPage } from '../features/employers/JobOrdersPage.tsx';
import { LivingWagesPage } from '../features/employers/LivingWagesPage.tsx';
import { BodyDetailPage } from '../features/governance/BodyDetailPage.tsx';
import { CallPage } from '../features/governance/CallPage.tsx';
import { CallsPage } from '../features/governance/CallsPage.tsx';
import { callsSearch } from '../features/governance/calls.api.ts';
import { DecisionLogPage } from '../features/governance/DecisionLogPage.tsx';
import { DeclarationsPage } from '../features/governance/DeclarationsPage.tsx';
import { GovernanceBodiesPage } from '../features/governance/GovernanceBodiesPage.tsx';
import {
  bodiesSearch,
  decisionsSearch,
  declarationsSearch,
  meetingsSearch,
  solicitationsSearch,
} from '../features/governance/governance.api.ts';
import { MeetingPage } from '../features/governance/MeetingPage.tsx';
import { MeetingsPage } from '../features/governance/MeetingsPage.tsx';
import { MotionPage } from '../features/governance/MotionPage.tsx';
import { SolicitationPage } from '../features/governance/SolicitationPage.tsx';
import { SolicitationsPage } from '../features/governance/SolicitationsPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { InitiativeDetailPage } from '../features/initiatives/InitiativeDetailPage.tsx';
import { InitiativeEditPage, InitiativeNewPage } from '../features/initiatives/InitiativeFormPage.tsx';
import { InitiativesPage } from '../features/initiatives/InitiativesPage.tsx';
import { initiativesSearch, workforceAreasSearch } from '../features/initiatives/initiatives.api.ts';
import { WorkforceAreasPage } from '../features/initiatives/WorkforceAreasPage.tsx';
import { OrganizationDetailPage } from '../features/organizations/OrganizationDetailPage.tsx';
import { OrganizationEditPage, OrganizationNewPage } from '../features/organizations/OrganizationFormPage.tsx';
import { OrganizationsPage } from '../features/organizations/OrganizationsPage.tsx';
import { organizationsSearch } from '../features/organizations/organizations.api.ts';
import { EstablishmentsPage } from '../features/outcomes/EstablishmentsPage.tsx';
import { PirlImportPage, WageImportPage } from '../features/outcomes/ImportPage.tsx';
import { OutcomesDashboardPage } from '../features/outcomes/OutcomesDashboardPage.tsx';
import { dashboardSearch, targetsSearch, wioaSearch } from '../features/outcomes/outcomes.api.ts';
import { TargetsPage } from '../features/outcomes/TargetsPage.tsx';
import { WioaReportPage } from '../features/outcomes/WioaReportPage.tsx';
import { ExportParticipantsPage } from '../features/participant-import/ExportParticipantsPage.tsx';
import { ImportParticipantsPage } from '../features/participant-import/ImportParticipantsPage.tsx';
import { CaseloadPage } from '../features/participants/CaseloadPage.tsx';
import { IntakePage } from '../features/participants/IntakePage.tsx';
import { ParticipantPage } from '../features/participants/ParticipantPage.tsx';
import { caseloadSearch, intakeSearch, participantSearch } from '../features/participants/participants.api.ts';
import { ReferralReportsPage } from '../features/referral-reports/ReferralReportsPage.tsx';
import { referralReportsSearch } from '../features/referral-reports/referralReports.api.ts';
import { NewReferralPage } from '../features/referrals/NewReferralPage.tsx';
import { ReferralPage } from '../features/referrals/ReferralPage.tsx';
import { ReferralsPage } from '../features/referrals/ReferralsPage.tsx';
import { newReferralSearch, referralsSearch } from '../features/referrals/referrals.api.ts';
import { ApplyPage } from '../features/self-referral/ApplyPage.tsx';
import { SelfReferralPage } from '../features/self-referral/SelfReferralPage.tsx';
import { SelfReferralsPage } from '../features/self-referral/SelfReferralsPage.tsx';
import { selfReferralsSearch } from '../features/self-referral/selfReferral.api.ts';
import { StrategiesPage } from '../features/strategies/StrategiesPage.tsx';
import { StrategyPage } from '../features/strategies/StrategyPage.tsx';
import { strategiesSearch } from '../features/strategies/strategies.api.ts';
import { PublicSurveyPage } from '../features/surveys/PublicSurveyPage.tsx';
import { EditSurveyPage, NewSurveyPage } from '../features/surveys/SurveyBuilderPage.tsx';
import { SurveyPage } from '../features/surveys/SurveyPage.tsx';
import { SurveysPage } from '../features/surveys/SurveysPage.tsx';
import { surveysSearch } from '../features/surveys/surveys.api.ts';
import { TaEventPage } from '../features/ta/TaEventPage.tsx';
import { TaEventsPage } from '../features/ta/TaEventsPage.tsx';
import { TaNeedsPage } from '../features/ta/TaNeedsPage.tsx';
import { TaRequestNewPage } from '../features/ta/TaRequestNewPage.tsx';
import { TaRequestPage } from '../features/ta/TaRequestPage.tsx';
import { TaRequestsPage } from '../features/ta/TaRequestsPage.tsx';
import { eventsSearch, needsSearch, requestsSearch } from '../features/ta/ta.api.ts';
import { CohortPage } from '../features/training/CohortPage.tsx';
import { TrainingProgramsPage } from '../features/training/TrainingProgramsPage.tsx';
import { InviteUserPage } from '../features/users/InviteUserPage.tsx';
import { UserDetailPage } from '../features/users/UserDetailPage.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';
import { usersSearch } from '../features/users/users.api.ts';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage, RouteError, StandaloneNotFoundPage } from './NotFoundPage.tsx';
import { PublicLayout } from './PublicLayout.tsx';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: StandaloneNotFoundPage,
  errorComponent: RouteError,
});

// Pages anyone may open: signing in and the links that arrive by email.
const publicLayout = createRoute({ getParentRoute: () => rootRoute, id: 'public', component: PublicLayout });

/** Only same-site paths: an emailed or crafted ?redirect= must not send anyone elsewhere. */
const safeRedirect = z
  .string()
  .regex(/^\/(?!\/)/)
  .optional()
  .catch(undefined);

const signInRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>) =>
    z.object({ redirect: safeRedirect, signedOut: z.coerce.boolean().optional().catch(undefined) }).parse(s),
  component: SignInPage,
});
const forgotRoute = createRoute({ getParentRoute: () => publicLayout, path: '/forgot-password', component: ForgotPasswordPage });
const resetRoute = createRoute({ getParentRoute: () => publicLayout, path: '/reset-password', component: ResetPasswordPage });
const inviteRoute = createRoute({ getParentRoute: () => publicLayout, path: '/invite', component: AcceptInvitationPage });
// A service's public self-referral form: no account, outside the app shell.
const applyRoute = createRoute({ getParentRoute: () => publicLayout, path: '/apply/$tenantSlug/$serviceId', component: ApplyPage });
// An emailed survey link (#token=…): no account, and a page of its own, wider than the sign-in card.
const publicSurveyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/survey', component: PublicSurveyPage });

// Everything else needs a session: load /api/me first, or go to sign-in and come back afterwards.
const appLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (e) {
      if (isSignedOut(e)) throw redirect({ to: '/sign-in', search: { redirect: location.href === '/' ? undefined : location.href } });
      throw e;
    }
  },
  component: AppLayout,
});

/** A page the caller's roles do not open is, for them, a page that does not exist (inside the shell). */
function requires(permission: Permission, Page: () => ReactNode) {
  return function Guarded() {
    const can = usePermissions();
    return can(permission) ? <Page /> : <NotFoundPage />;
  };
}

const homeRoute = createRoute({ getParentRoute: () => appLayout, path: '/', component: HomePage });
const accountRoute = createRoute({ getParentRoute: () => appLayout, path: '/account', component: AccountPage });

const usersRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/admin/users',
  validateSearch: (s: Record<string, unknown>) => usersSearch.parse(s),
  component: requires('users.read', UsersPage),
});
const inviteUserRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/admin/users/invite',
  validateSearch: (s: Record<string, unknown>) => z.object({ organizationId: z.uuid().optional().catch(undefined) }).parse(s),
  component: requires('users.manage', InviteUserPage),
});
const userRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/admin/users/$userId',
  component: requires('users.read', UserDetailPage),
});

const organizationsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/admin/organizations',
  validateSearch: (s: Record<string, unknown>) => organizationsSearch.parse(s),
  component: requires('organizations.read', OrganizationsPage),
});
const newOrganizationRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/admin/organizations/new',
  component: requires('organizations.manage', OrganizationNewPage),
});
const organizationRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/admin/organizations/$organizationId',
  component: requires('organizations.read', OrganizationDetailPage),
});
const editOrganizationRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/admin/organizations/$organizationId/edit',
  component: requires('organizations.manage', OrganizationEditPage),
});

// Governance: what each person sees inside is decided by their seats (see governance.policy.ts).
const governanceRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance',
  validateSearch: (s: Record<string, unknown>) => bodiesSearch.parse(s),
  component: requires('governance.participate', GovernanceBodiesPage),
});
const bodyRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/bodies/$bodyId',
  component: requires('governance.participate', BodyDetailPage),
});
const meetingsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/meetings',
  validateSearch: (s: Record<string, unknown>) => meetingsSearch.parse(s),
  component: requires('governance.participate', MeetingsPage),
});
const meetingRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/meetings/$meetingId',
  component: requires('governance.participate', MeetingPage),
});
const motionRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/motions/$motionId',
  component: requires('governance.participate', MotionPage),
});
const declarationsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/declarations',
  validateSearch: (s: Record<string, unknown>) => declarationsSearch.parse(s),
  component: requires('governance.participate', DeclarationsPage),
});
const solicitationsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/solicitations',
  validateSearch: (s: Record<string, unknown>) => solicitationsSearch.parse(s),
  component: requires('governance.participate', SolicitationsPage),
});
const solicitationRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/solicitations/$solicitationId',
  component: requires('governance.participate', SolicitationPage),
});
// Calls for proposals: partner staff answer solicitations for their own organizations.
const callsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/calls',
  validateSearch: (s: Record<string, unknown>) => callsSearch.parse(s),
  component: requires('proposals.submit', CallsPage),
});
const callRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/calls/$callId',
  component: requires('proposals.submit', CallPage),
});
const decisionsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/decisions',
  validateSearch: (s: Record<string, unknown>) => decisionsSearch.parse(s),
  component: requires('governance.participate', DecisionLogPage),
});

// Participants (issue 3): which records someone sees inside is decided by participants.policy.ts.
const participantsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/participants',
  validateSearch: (s: Record<string, unknown>) => caseloadSearch.parse(s),
  component: requires('participants.read', CaseloadPage),
});
const intakeRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/participants/new',
  validateSearch: (s: Record<string, unknown>) => intakeSearch.parse(s),
  component: requires('participants.manage', IntakePage),
});
const participantRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/participants/$participantId',
  validateSearch: (s: Record<string, unknown>) => participantSearch.parse(s),
  component: requires('participants.read', ParticipantPage),
});
const trainingRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/training',
  component: requires('training.read', TrainingProgramsPage),
});
const cohortRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/training/cohorts/$cohortId',
  component: requires('training.read', CohortPage),
});
// Participant import (and export): files in and out of the caseload.
const participantImportRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/participants/import',
  component: requires('participants.import', ImportParticipantsPage),
});
// Case staff export identified lists, analysts the de-identified file: one page, a section for each.
function ExportGuard() {
  const can = usePermissions();
  return can('participants.export') || can('participants.export_deidentified') ? <ExportParticipantsPage /> : <NotFoundPage />;
}
const participantExportRoute = createRoute({ getParentRoute: () => appLayout, path: '/participants/export', component: ExportGuard });
// Partnership workspace: initiatives, systems-change strategies, technical assistance.
const initiativesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/initiatives',
  validateSearch: (s: Record<string, unknown>) => initiativesSearch.parse(s),
  component: requires('initiatives.read', InitiativesPage),
});
const newInitiativeRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/initiatives/new',
  component: requires('initiatives.manage', InitiativeNewPage),
});
const initiativeRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/initiatives/$initiativeId',
  component: requires('initiatives.read', InitiativeDetailPage),
});
const editInitiativeRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/initiatives/$initiativeId/edit',
  component: requires('initiatives.manage', InitiativeEditPage),
});
const workforceAreasRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/workforce-areas',
  validateSearch: (s: Record<string, unknown>) => workforceAreasSearch.parse(s),
  component: requires('initiatives.read', WorkforceAreasPage),
});
const strategiesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/strategies',
  validateSearch: (s: Record<string, unknown>) => strategiesSearch.parse(s),
  component: requires('strategies.read', StrategiesPage),
});
const strategyRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/strategies/$strategyId',
  component: requires('strategies.read', StrategyPage),
});
// Technical assistance. /ta/requests/$requestId is where the home task "request assigned to you" leads.
const taRequestsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/ta/requests',
  validateSearch: (s: Record<string, unknown>) => requestsSearch.parse(s),
  component: requires('ta.request', TaRequestsPage),
});
const newTaRequestRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/ta/requests/new',
  component: requires('ta.request', TaRequestNewPage),
});
const taRequestRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/ta/requests/$requestId',
  component: requires('ta.request', TaRequestPage),
});
const taEventsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/ta/events',
  validateSearch: (s: Record<string, unknown>) => eventsSearch.parse(s),
  component: requires('ta.request', TaEventsPage),
});
const taEventRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/ta/events/$eventId',
  component: requires('ta.request', TaEventPage),
});
const taNeedsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/ta/needs',
  validateSearch: (s: Record<string, unknown>) => needsSearch.parse(s),
  component: requires('ta.manage', TaNeedsPage),
});
// Outcomes (issue 7): aggregate reports for outcomes.read, file imports for outcomes.import.
const outcomesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/outcomes',
  validateSearch: (s: Record<string, unknown>) => dashboardSearch.parse(s),
  component: requires('outcomes.read', OutcomesDashboardPage),
});
const wioaRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/outcomes/wioa',
  validateSearch: (s: Record<string, unknown>) => wioaSearch.parse(s),
  component: requires('outcomes.read', WioaReportPage),
});
const targetsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/outcomes/targets',
  validateSearch: (s: Record<string, unknown>) => targetsSearch.parse(s),
  component: requires('outcomes.read', TargetsPage),
});
const pirlImportRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/outcomes/imports/pirl',
  component: requires('outcomes.import', PirlImportPage),
});
const wageImportRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/outcomes/imports/wages',
  component: requires('outcomes.import', WageImportPage),
});
const establishmentsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/outcomes/establishments',
  component: requires('outcomes.import', EstablishmentsPage),
});

// Service directory and referrals (issue 6): who may act on a referral is decided by referrals.policy.ts.
const directoryRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/directory',
  validateSearch: (s: Record<string, unknown>) => directorySearch.parse(s),
  component: requires('directory.read', DirectoryPage),
});
const directoryDataRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/directory/data',
  component: requires('directory.manage', DirectoryDataPage),
});
const holidaysRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/directory/holidays',
  component: requires('directory.read', HolidaysPage),
});
const serviceRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/directory/services/$serviceId',
  component: requires('directory.read', ServicePage),
});
// Senders, receivers and the intermediary share one list; each sees the boxes the API gives them.
function ReferralsGuard() {
  const can = usePermissions();
  return can('referrals.send') || can('referrals.receive') || can('referrals.manage') ? <ReferralsPage /> : <NotFoundPage />;
}
function ReferralGuard() {
  const can = usePermissions();
  return can('referrals.send') || can('referrals.receive') || can('referrals.manage') ? <ReferralPage /> : <NotFoundPage />;
}
const referralsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/referrals',
  validateSearch: (s: Record<string, unknown>) => referralsSearch.parse(s),
  component: ReferralsGuard,
});
const newReferralRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/referrals/new',
  validateSearch: (s: Record<string, unknown>) => newReferralSearch.parse(s),
  component: requires('referrals.send', NewReferralPage),
});
const referralRoute = createRoute({ getParentRoute: () => appLayout, path: '/referrals/$referralId', component: ReferralGuard });
// Counts only; partner staff see their own organization's referrals (referrals.reports.policy.ts).
const referralReportsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/referrals/reports',
  validateSearch: (s: Record<string, unknown>) => referralReportsSearch.parse(s),
  component: requires('referrals.report', ReferralReportsPage),
});
const selfReferralsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/self-referrals',
  validateSearch: (s: Record<string, unknown>) => selfReferralsSearch.parse(s),
  component: requires('referrals.manage', SelfReferralsPage),
});
const selfReferralRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/self-referrals/$requestId',
  component: requires('referrals.manage', SelfReferralPage),
});

// Any other address, for someone signed in: "not found" inside the shell, with the navigation at hand.
const unknownRoute = createRoute({ getParentRoute: () => appLayout, path: '$', component: NotFoundPage });

const employersRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/employers',
  validateSearch: (s: Record<string, unknown>) => employersSearch.parse(s),
  component: requires('employers.read', EmployersPage),
});
const employerDashboardRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/employers/dashboard',
  validateSearch: (s: Record<string, unknown>) => employerDashboardSearch.parse(s),
  component: requires('employers.read', EmployerDashboardPage),
});
const livingWagesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/employers/living-wages',
  component: requires('employers.read', LivingWagesPage),
});
const surveysRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/surveys',
  validateSearch: (s: Record<string, unknown>) => surveysSearch.parse(s),
  component: requires('surveys.read', SurveysPage),
});
const newSurveyRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/surveys/new',
  component: requires('surveys.manage', NewSurveyPage),
});
const surveyRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/surveys/$surveyId',
  validateSearch: (s: Record<string, unknown>) =>
    z.object({ tab: z.enum(['results', 'recipients', 'responses', 'questions']).optional().catch(undefined) }).parse(s),
  component: requires('surveys.read', SurveyPage),
});
const editSurveyRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/surveys/$surveyId/edit',
  component: requires('surveys.manage', EditSurveyPage),
});
const employerRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/employers/$employerId',
  component: requires('employers.read', EmployerDetailPage),
});
const jobOrdersRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/job-orders',
  validateSearch: (s: Record<string, unknown>) => jobOrdersSearch.parse(s),
  component: requires('job_orders.read', JobOrdersPage),
});
const jobOrderNewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/job-orders/new',
  component: requires('job_orders.manage', JobOrderNewPage),
});
const jobOrderRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/job-orders/$jobOrderId',
  component: requires('job_orders.read', JobOrderPage),
});

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([signInRoute, forgotRoute, resetRoute, inviteRoute, applyRoute]),
  publicSurveyRoute,
  appLayout.addChildren([
    homeRoute,
    accountRoute,
    usersRoute,
    inviteUserRoute,
    userRoute,
    organizationsRoute,
    employersRoute,
    employerDashboardRoute,
    livingWagesRoute,
    employerRoute,
    jobOrdersRoute,
    jobOrderNewRoute,
    jobOrderRoute,
    newOrganizationRoute,
    organizationRoute,
    editOrganizationRoute,
    governanceRoute,
    bodyRoute,
    meetingsRoute,
    meetingRoute,
    motionRoute,
    declarationsRoute,
    decisionsRoute,
    solicitationsRoute,
    solicitationRoute,
    callsRoute,
    callRoute,
    participantsRoute,
    intakeRoute,
    participantRoute,
    trainingRoute,
    cohortRoute,
    participantImportRoute,
    participantExportRoute,
    initiativesRoute,
    newInitiativeRoute,
    initiativeRoute,
    editInitiativeRoute,
    workforceAreasRoute,
    strategiesRoute,
    strategyRoute,
    taRequestsRoute,
    newTaRequestRoute,
    taRequestRoute,
    taEventsRoute,
    taEventRoute,
    taNeedsRoute,
    outcomesRoute,
    establishmentsRoute,
    wioaRoute,
    targetsRoute,
    pirlImportRoute,
    wageImportRoute,
    directoryRoute,
    directoryDataRoute,
    holidaysRoute,
    serviceRoute,
    referralsRoute,
    newReferralRoute,
    referralRoute,
    referralReportsRoute,
    selfReferralsRoute,
    selfReferralRoute,
    surveysRoute,
    newSurveyRoute,
    surveyRoute,
    editSurveyRoute,
    unknownRoute,
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
