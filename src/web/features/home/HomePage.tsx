import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HomeSummary, HomeTask } from '../../../shared/schemas/home.ts';
import { api } from '../../api/client.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { useMe, usePermissions } from '../auth/session.ts';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const home = useQuery({ queryKey: ['home'], queryFn: () => api.get<HomeSummary>('/home') });
  return (
    <>
      <PageHeader title={t('home.title')} description={t('home.welcome', { name: me.user.name, tenant: me.tenant.name })} />
      <QueryState query={home}>
        {(data) => (
          <Stack gap="xl">
            <section aria-labelledby="tasks-heading">
              <Title order={2} size="h3" id="tasks-heading" mb="sm">
                {t('home.tasks.title')}
              </Title>
              {data.tasks.length === 0 ? <NothingToDo /> : <TaskList tasks={data.tasks} />}
            </section>
            <Counts counts={data.counts} />
          </Stack>
        )}
      </QueryState>
    </>
  );
}

const taskPath = (href: string) => href.split('?')[0];
const taskSearch = (href: string) => Object.fromEntries(new URLSearchParams(href.split('?')[1] ?? ''));

function TaskList({ tasks }: { tasks: HomeTask[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="task-list">
      {tasks.map((task) => (
        <Paper component="li" withBorder p="md" key={`${task.kind}:${task.subjectId ?? ''}:${task.due ?? ''}`}>
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Stack gap={2}>
              <Text fw={600}>{t(`home.tasks.${task.kind}.text`, { subject: task.subject, count: task.count })}</Text>
              {task.due && (
                <Text size="sm" c="dimmed">
                  {t(`home.tasks.${task.kind}.due`, { date: f.dateTime(task.due) })}
                </Text>
              )}
            </Stack>
            {/* The server builds these links from the app's own routes (see home.service.ts); some carry a ?query. */}
            <ButtonLink to={taskPath(task.href) as '/'} search={taskSearch(task.href) as never} variant="light" size="sm">
              {t(`home.tasks.${task.kind}.action`)}
              <span className="visually-hidden">: {task.subject}</span>
            </ButtonLink>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function NothingToDo() {
  const { t } = useTranslation();
  const can = usePermissions();
  return (
    <EmptyState
      title={t('home.tasks.emptyTitle')}
      action={
        <Group justify="center" mt="xs">
          {can('users.manage') && <ButtonLink to="/admin/users/invite">{t('users.invite.action')}</ButtonLink>}
          {can('organizations.manage') && (
            <ButtonLink to="/admin/organizations/new" variant="default">
              {t('organizations.new.action')}
            </ButtonLink>
          )}
          {!can('users.manage') && !can('organizations.manage') && (
            <ButtonLink to="/account" variant="default">
              {t('home.tasks.reviewAccount')}
            </ButtonLink>
          )}
        </Group>
      }
    >
      {t(can('users.manage') || can('organizations.manage') ? 'home.tasks.emptyAdmin' : 'home.tasks.empty')}
    </EmptyState>
  );
}

function Counts({ counts }: { counts: HomeSummary['counts'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const cards: { key: string; value: number; to: '/admin/organizations' | '/admin/users' | '/account'; show: boolean }[] = [
    { key: 'organizations', value: counts.organizations, to: '/admin/organizations', show: can('organizations.read') },
    { key: 'users', value: counts.users, to: '/admin/users', show: can('users.read') },
    { key: 'activeSessions', value: counts.activeSessions, to: '/account', show: true },
  ];
  return (
    <section aria-labelledby="counts-heading">
      <Title order={2} size="h3" id="counts-heading" mb="sm">
        {t('home.counts.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        {cards
          .filter((c) => c.show)
          .map((c) => (
            <Paper withBorder p="md" key={c.key}>
              <Text size="sm" c="dimmed">
                {t(`home.counts.${c.key}`)}
              </Text>
              <Text fz={32} fw={700} lh={1.2}>
                {f.number(c.value)}
              </Text>
              <AnchorLink to={c.to} size="sm">
                {t(`home.counts.${c.key}Link`)}
              </AnchorLink>
            </Paper>
          ))}
      </SimpleGrid>
      {counts.activeSessions > 1 && (
        <Text size="sm" mt="sm">
          {t('home.counts.otherSessions', { count: counts.activeSessions - 1 })}
        </Text>
      )}
    </section>
  );
}
