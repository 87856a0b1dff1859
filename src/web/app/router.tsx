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
import { BodyDetailPage } from '../features/governance/BodyDetailPage.tsx';
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
import { OrganizationDetailPage } from '../features/organizations/OrganizationDetailPage.tsx';
import { OrganizationEditPage, OrganizationNewPage } from '../features/organizations/OrganizationFormPage.tsx';
import { OrganizationsPage } from '../features/organizations/OrganizationsPage.tsx';
import { organizationsSearch } from '../features/organizations/organizations.api.ts';
import { PirlImportPage, WageImportPage } from '../features/outcomes/ImportPage.tsx';
import { OutcomesDashboardPage } from '../features/outcomes/OutcomesDashboardPage.tsx';
import { dashboardSearch, wioaSearch } from '../features/outcomes/outcomes.api.ts';
import { WioaReportPage } from '../features/outcomes/WioaReportPage.tsx';
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
const decisionsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/governance/decisions',
  validateSearch: (s: Record<string, unknown>) => decisionsSearch.parse(s),
  component: requires('governance.participate', DecisionLogPage),
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

// Any other address, for someone signed in: "not found" inside the shell, with the navigation at hand.
const unknownRoute = createRoute({ getParentRoute: () => appLayout, path: '$', component: NotFoundPage });

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([signInRoute, forgotRoute, resetRoute, inviteRoute]),
  appLayout.addChildren([
    homeRoute,
    accountRoute,
    usersRoute,
    inviteUserRoute,
    userRoute,
    organizationsRoute,
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
    outcomesRoute,
    wioaRoute,
    pirlImportRoute,
    wageImportRoute,
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
