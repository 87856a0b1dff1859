import { AppShell, Burger, Container, Group, Menu, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, type LinkProps, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/roles.ts';
import { api } from '../api/client.ts';
import { endSession, saveLanguage, useMe, usePermissions } from '../features/auth/session.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Flash } from '../ui/Flash.tsx';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';

interface NavItem {
  to: NonNullable<LinkProps['to']>;
  label: string;
  permission: Permission;
  /** Another permission that opens the same page (the export page serves analysts and case staff). */
  orPermission?: Permission;
  exact?: boolean;
}

/** The first thing a keyboard reaches: straight past the header and navigation. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a href="#main" className="skip-link">
      {t('app.skipToContent')}
    </a>
  );
}

/** After a navigation, move focus to the new page so screen readers start reading there. */
function useFocusOnNavigate(target: React.RefObject<HTMLElement | null>) {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger, not an input.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    target.current?.focus({ preventScroll: true });
  }, [pathname, target]);
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [opened, { toggle, close }] = useDisclosure(false);
  const [languageError, setLanguageError] = useState<unknown>(null);
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);

  // Close the mobile menu once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger, not an input.
  useEffect(() => close(), [pathname, close]);

  const sections: { label: string; items: NavItem[] }[] = [
    {
      label: t('nav.workspace'),
      items: [{ to: '/', label: t('nav.home'), permission: 'home.view', exact: true }],
    },
    {
      label: t('nav.caseload'),
      items: [
        { to: '/participants', label: t('nav.participants'), permission: 'participants.read', exact: true },
        { to: '/participants/new', label: t('nav.intake'), permission: 'participants.manage' },
        { to: '/training', label: t('nav.training'), permission: 'training.read' },
        { to: '/participants/import', label: t('nav.importParticipants'), permission: 'participants.import' },
        {
          to: '/participants/export',
          label: t('nav.exportParticipants'),
          permission: 'participants.export',
          orPermission: 'participants.export_deidentified',
        },
      ],
    },
    {
      label: t('directory.nav.section'),
      items: [
        { to: '/directory', label: t('directory.nav.directory'), permission: 'directory.read' },
        {
          to: '/referrals',
          label: t('directory.nav.referrals'),
          permission: 'referrals.send',
          orPermission: 'referrals.receive',
        },
        { to: '/self-referrals', label: t('selfReferral.nav.queue'), permission: 'referrals.manage' },
        { to: '/referrals/reports', label: t('referralReports.nav'), permission: 'referrals.report' },
        { to: '/directory/holidays', label: t('directory.nav.holidays'), permission: 'directory.manage' },
      ],
    },
    {
      label: t('nav.partnership'),
      items: [
        { to: '/initiatives', label: t('partnership.nav.initiatives'), permission: 'initiatives.read' },
        { to: '/workforce-areas', label: t('partnership.nav.workforceAreas'), permission: 'initiatives.read' },
        { to: '/admin/organizations', label: t('nav.organizations'), permission: 'organizations.read' },
        { to: '/strategies', label: t('partnership.nav.strategies'), permission: 'strategies.read' },
      ],
    },
    {
      label: t('partnership.nav.ta'),
      items: [
        { to: '/ta/requests', label: t('partnership.nav.taRequests'), permission: 'ta.request' },
        { to: '/ta/events', label: t('partnership.nav.taEvents'), permission: 'ta.request' },
        { to: '/ta/needs', label: t('partnership.nav.taNeeds'), permission: 'ta.manage' },
      ],
    },
    {
      label: t('nav.employers'),
      items: [
        { to: '/employers', label: t('nav.employerAccounts'), permission: 'employers.read', exact: true },
        { to: '/job-orders', label: t('nav.jobOrders'), permission: 'job_orders.read' },
        { to: '/employers/dashboard', label: t('nav.employerDashboard'), permission: 'employers.read' },
        { to: '/employers/living-wages', label: t('employers.nav.livingWages'), permission: 'employers.read' },
        { to: '/surveys', label: t('surveys.nav.surveys'), permission: 'surveys.read' },
      ],
    },
    {
      label: t('nav.governance'),
      items: [
        { to: '/governance', label: t('nav.governanceBodies'), permission: 'governance.participate', exact: true },
        { to: '/governance/meetings', label: t('nav.meetings'), permission: 'governance.participate' },
        { to: '/governance/declarations', label: t('nav.declarations'), permission: 'governance.participate' },
        { to: '/governance/solicitations', label: t('nav.solicitations'), permission: 'governance.participate' },
        { to: '/governance/calls', label: t('partnership.nav.calls'), permission: 'proposals.submit' },
        { to: '/governance/decisions', label: t('nav.decisions'), permission: 'governance.participate' },
      ],
    },
    {
      label: t('outcomes.nav.section'),
      items: [
        { to: '/outcomes', label: t('outcomes.nav.dashboard'), permission: 'outcomes.read', exact: true },
        { to: '/outcomes/wioa', label: t('outcomes.nav.wioa'), permission: 'outcomes.read' },
        { to: '/outcomes/targets', label: t('outcomes.nav.targets'), permission: 'outcomes.read' },
        { to: '/outcomes/imports/pirl', label: t('outcomes.nav.pirl'), permission: 'outcomes.import' },
        { to: '/outcomes/imports/wages', label: t('outcomes.nav.wages'), permission: 'outcomes.import' },
        { to: '/outcomes/establishments', label: t('outcomes.nav.establishments'), permission: 'outcomes.import' },
      ],
    },
    {
      label: t('nav.administration'),
      items: [{ to: '/admin/users', label: t('nav.users'), permission: 'users.read' }],
    },
    {
      label: t('nav.you'),
      items: [{ to: '/account', label: t('nav.account'), permission: 'account.manage' }],
    },
  ];
  // The current item is the one whose path matches most closely: /referrals/reports is its own item, not
  // also "Referrals" (a prefix of it), while /referrals/<id> still belongs to "Referrals".
  const matches = (item: NavItem) =>
    item.exact ? pathname === item.to : pathname === item.to || pathname.startsWith(`${String(item.to)}/`);
  const currentItem = sections
    .flatMap((section) => section.items)
    .filter(matches)
    .reduce<NavItem | undefined>((best, item) => (!best || String(item.to).length > String(best.to).length ? item : best), undefined)?.to;

  const signOut = async () => {
    try {
      await api.post('/auth/sign-out');
    } finally {
      endSession(queryClient);
      await navigate({ to: '/sign-in', search: { signedOut: true } });
    }
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t(opened ? 'nav.closeMenu' : 'nav.openMenu')} />
            <Text component={Link} to="/" fw={700} c="indigo.9" truncate="end" td="none">
              <Text span fw={800} mr={8}>
                {t('app.name')}
              </Text>
              <Text span c="gray.8" fw={500} visibleFrom="xs">
                {me.tenant.name}
              </Text>
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitcher
              onChange={async (locale) => {
                setLanguageError(null);
                try {
                  await saveLanguage(queryClient, locale);
                } catch (e) {
                  setLanguageError(e);
                }
              }}
            />
            {/* Mantine's initial-focus placeholder would sit inside role="menu" without being a menu item. */}
            <Menu position="bottom-end" withinPortal={false} withInitialFocusPlaceholder={false}>
              <Menu.Target>
                <UnstyledButton aria-label={t('app.userMenu', { name: me.user.name })} data-testid="user-menu" px="xs" py={4}>
                  <Text size="sm" fw={600} truncate="end" maw={180}>
                    {me.user.name} ▾
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/account">
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item onClick={signOut}>{t('app.signOut')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      {/* The navigation outgrows short screens: it scrolls on its own, so every item stays reachable. */}
      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')} style={{ overflowY: 'auto' }}>
        <Stack gap="md">
          {sections.map((section) => {
            const items = section.items.filter((i) => can(i.permission) || (i.orPermission !== undefined && can(i.orPermission)));
            if (items.length === 0) return null;
            return (
              <div key={section.label}>
                <Text size="xs" fw={700} tt="uppercase" c="gray.7" px="sm" mb={4}>
                  {section.label}
                </Text>
                {items.map((item) => {
                  const active = item.to === currentItem;
                  return (
                    <NavLink
                      key={item.to}
                      component={Link}
                      to={item.to}
                      label={item.label}
                      active={active}
                      aria-current={active ? 'page' : undefined}
                      // Which item is current is decided above (the closest match); the router would also mark
                      // /directory current on /directory/holidays (aria-current on two links), so it only
                      // matches exactly here.
                      activeOptions={{ exact: true, includeSearch: false }}
                      variant="light"
                      fw={active ? 700 : 500}
                    />
                  );
                })}
              </div>
            );
          })}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" ref={main} tabIndex={-1}>
        <Container size="lg" px={0}>
          {languageError ? <ErrorAlert error={languageError} title={t('app.languageNotSaved')} /> : null}
          <Flash />
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
