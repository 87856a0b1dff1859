import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  NativeSelect,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MILESTONE_STATUSES,
  type MilestoneStatus,
  milestoneBody,
  objectiveBody,
  progressUpdateBody,
  type Strategy,
} from '../../../shared/schemas/strategies.ts';
import { Detail } from '../../ui/Detail.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { useMe, usePermissions } from '../auth/session.ts';
import { allInitiativesQuery } from '../initiatives/initiatives.api.ts';
import { STRATEGY_COLORS } from './StrategiesPage.tsx';
import {
  addMilestone,
  addObjective,
  reportProgress,
  searchUsers,
  strategyQuery,
  type Timeline as TimelineData,
  timelineQuery,
  updatesQuery,
} from './strategies.api.ts';

const route = getRouteApi('/app/strategies/$strategyId');

export const MILESTONE_COLORS: Record<MilestoneStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  at_risk: 'orange',
  done: 'green',
  dropped: 'dark',
};

export function StrategyPage() {
  const { strategyId } = route.useParams();
  const strategy = useQuery(strategyQuery(strategyId));
  return <QueryState query={strategy}>{(s) => <StrategyView strategy={s} />}</QueryState>;
}

function Section({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function StrategyView({ strategy: s }: { strategy: Strategy }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const me = useMe();
  const manage = can('strategies.manage');
  const initiatives = useQuery(allInitiativesQuery);
  const initiative = initiatives.data?.items.find((i) => i.id === s.initiativeId);
  const [addingMilestone, setAddingMilestone] = useState(false);
  const [addingObjective, setAddingObjective] = useState(false);
  // Progress is reported by whoever owns the work (strategy, objective or milestone), or the director.
  const ownsStrategy = s.owner?.id === me.user.id;
  const ownObjectives = new Set(s.objectives.filter((o) => o.owner?.id === me.user.id).map((o) => o.id));
  const reportable = s.milestones.filter(
    (m) => manage || ownsStrategy || m.owner?.id === me.user.id || (m.objectiveId !== null && ownObjectives.has(m.objectiveId)),
  );
  const canReport = can('strategies.report') && (manage || ownsStrategy || reportable.length > 0);
  const objectiveTitle = (id: string | null) => s.objectives.find((o) => o.id === id)?.title;

  return (
    <>
      <PageHeader
        title={s.title}
        description={
          <Group gap="xs" component="span">
            <Badge variant="light" color={STRATEGY_COLORS[s.status]} component="span">
              {t(`partnership.strategyStatus.${s.status}`)}
            </Badge>
            {initiative && (
              <AnchorLink to="/initiatives/$initiativeId" params={{ initiativeId: initiative.id }} size="sm">
                {initiative.name}
              </AnchorLink>
            )}
          </Group>
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Section id="strategy-about" title={t('partnership.initiatives.about')}>
              <dl className="details">
                <Detail label={t('partnership.fields.owner')}>{s.owner?.name}</Detail>
                <Detail label={t('partnership.fields.period')}>
                  {(s.startsOn || s.endsOn) && t('partnership.partners.period', { from: f.date(s.startsOn), to: f.date(s.endsOn) })}
                </Detail>
                <Detail label={t('partnership.fields.progress')}>
                  <Text size="sm">
                    {t('partnership.strategies.progressText', { done: f.number(s.progress.done), total: f.number(s.progress.milestones) })}
                  </Text>
                  <Progress value={s.progress.percentDone} size="sm" maw={240} aria-hidden />
                </Detail>
                <Detail label={t('partnership.fields.indicators')}>
                  {s.indicators.length > 0 && s.indicators.map((i) => i.name).join(' · ')}
                </Detail>
                <Detail label={t('partnership.fields.description')}>
                  {s.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{s.description}</Text>}
                </Detail>
              </dl>
            </Section>
            <Section
              id="strategy-objectives"
              title={t('partnership.fields.objectives')}
              actions={
                manage && !addingObjective ? (
                  <Button variant="light" size="xs" onClick={() => setAddingObjective(true)}>
                    {t('partnership.strategies.addObjective')}
                  </Button>
                ) : null
              }
            >
              {addingObjective && <ObjectiveForm strategyId={s.id} onDone={() => setAddingObjective(false)} />}
              {s.objectives.length === 0 ? (
                <Text c="dimmed">{t('partnership.strategies.noObjectives')}</Text>
              ) : (
                <List type="ordered" spacing="xs">
                  {s.objectives.map((o) => (
                    <List.Item key={o.id}>
                      <Text fw={600}>{o.title}</Text>
                      {o.owner && (
                        <Text size="sm" c="dimmed">
                          {t('partnership.strategies.ownedBy', { name: o.owner.name })}
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
            <Section
              id="strategy-milestones"
              title={t('partnership.fields.milestones')}
              actions={
                manage && !addingMilestone ? (
                  <Button variant="light" size="xs" onClick={() => setAddingMilestone(true)}>
                    {t('partnership.strategies.addMilestone')}
                  </Button>
                ) : null
              }
            >
              {addingMilestone && <MilestoneForm strategy={s} onDone={() => setAddingMilestone(false)} />}
              {s.milestones.length === 0 ? (
                <Text c="dimmed">{t('partnership.strategies.noMilestones')}</Text>
              ) : (
                <Table data-testid="milestones-table">
                  <Table.Caption className="visually-hidden">{t('partnership.fields.milestones')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('partnership.fields.milestone')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.dueOn')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.owner')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {s.milestones.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {m.title}
                          </Text>
                          {m.objectiveId && (
                            <Text size="xs" c="dimmed">
                              {objectiveTitle(m.objectiveId)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{f.date(m.dueOn)}</Text>
                          {m.overdue && (
                            <Text size="xs" c="red.8" fw={600}>
                              {t('partnership.strategies.overdue')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Badge variant="light" color={MILESTONE_COLORS[m.status]}>
                            {t(`partnership.milestoneStatus.${m.status}`)}
                          </Badge>
                          {m.completedOn && (
                            <Text size="xs" c="dimmed">
                              {t('partnership.strategies.doneOn', { date: f.date(m.completedOn) })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{m.owner?.name ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Section>
            {canReport && <ProgressForm strategy={s} milestones={reportable} />}
            <UpdatesSection strategyId={s.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <TimelineSection strategyId={s.id} />
        </Grid.Col>
      </Grid>
    </>
  );
}

const KIND_COLORS: Record<TimelineData['items'][number]['kind'], string> = {
  strategy_start: 'indigo',
  strategy_end: 'indigo',
  milestone_due: 'gray',
  milestone_done: 'green',
  update: 'blue',
};

/** A vertical timeline: what happened above the "today" line, what is due below it. */
function TimelineSection({ strategyId }: { strategyId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const timeline = useQuery(timelineQuery(strategyId));
  return (
    <Section id="strategy-timeline" title={t('partnership.strategies.timeline')}>
      <QueryState query={timeline}>
        {(data) => {
          const past = data.items.filter((i) => i.date <= data.today);
          const future = data.items.filter((i) => i.date > data.today);
          const items = [
            ...past.map((i) => ({ ...i, today: false })),
            { date: data.today, kind: null, title: '', milestoneId: null, updateId: null, status: null, today: true },
            ...future.map((i) => ({ ...i, today: false })),
          ];
          return (
            <Timeline active={past.length} bulletSize={16} lineWidth={2} role="list" data-testid="strategy-timeline">
              {items.map((i, n) =>
                i.today ? (
                  <Timeline.Item
                    key="today"
                    role="listitem"
                    color="red"
                    title={
                      <Text fw={700} c="red.9">
                        {t('partnership.strategies.today', { date: f.date(data.today) })}
                      </Text>
                    }
                  />
                ) : (
                  <Timeline.Item
                    // biome-ignore lint/suspicious/noArrayIndexKey: one date may carry several events of the same title
                    key={n}
                    role="listitem"
                    color={i.kind ? KIND_COLORS[i.kind] : 'gray'}
                    lineVariant={i.date > data.today ? 'dashed' : 'solid'}
                    title={
                      <Text size="sm" fw={600}>
                        {i.title}
                      </Text>
                    }
                  >
                    <Text size="xs" c="dimmed">
                      {f.date(i.date)} · {t(`partnership.timelineKinds.${i.kind}`)}
                    </Text>
                    {i.status && i.kind !== 'milestone_done' && (
                      <Badge size="xs" variant="light" color={MILESTONE_COLORS[i.status]} mt={2}>
                        {t(`partnership.milestoneStatus.${i.status}`)}
                      </Badge>
                    )}
                  </Timeline.Item>
                ),
              )}
            </Timeline>
          );
        }}
      </QueryState>
    </Section>
  );
}

function UpdatesSection({ strategyId }: { strategyId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const updates = useQuery(updatesQuery(strategyId));
  return (
    <Section id="strategy-updates" title={t('partnership.strategies.updates')}>
      <QueryState query={updates}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('partnership.strategies.noUpdatesTitle')}>{t('partnership.strategies.noUpdates')}</EmptyState>
          ) : (
            <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="strategy-updates">
              {data.items.map((u) => (
                <Paper component="li" key={u.id} withBorder p="sm">
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={600}>
                      {f.date(u.occurredOn)}
                      {u.author && ` · ${u.author.name}`}
                    </Text>
                    {u.milestoneStatus && (
                      <Badge size="sm" variant="light" color={MILESTONE_COLORS[u.milestoneStatus]}>
                        {t(`partnership.milestoneStatus.${u.milestoneStatus}`)}
                      </Badge>
                    )}
                  </Group>
                  {u.milestone && (
                    <Text size="xs" c="dimmed">
                      {t('partnership.strategies.aboutMilestone', { name: u.milestone.title })}
                    </Text>
                  )}
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    {u.summary}
                  </Text>
                  {u.evidence.length > 0 && (
                    <Group gap="xs" mt={4}>
                      <Text size="xs" fw={600}>
                        {t('partnership.fields.evidence')}:
                      </Text>
                      {u.evidence.map((e) =>
                        e.url ? (
                          <Anchor key={e.label} href={e.url} size="xs" target="_blank" rel="noopener noreferrer">
                            {e.label}
                          </Anchor>
                        ) : (
                          <Text key={e.label} size="xs">
                            {e.label}
                          </Text>
                        ),
                      )}
                    </Group>
                  )}
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}

interface ProgressValues {
  summary: string;
  occurredOn: string;
  milestoneId: string;
  milestoneStatus: string;
  evidence: { label: string; url: string }[];
}

function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function ProgressForm({ strategy: s, milestones }: { strategy: Strategy; milestones: Strategy['milestones'] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toBody = (v: ProgressValues) => ({
    summary: v.summary,
    occurredOn: v.occurredOn,
    milestoneId: v.milestoneId || null,
    milestoneStatus: v.milestoneStatus || null,
    evidence: v.evidence.filter((e) => e.label.trim() || e.url.trim()).map((e) => ({ label: e.label, url: e.url.trim() || null })),
  });
  const form = useForm<ProgressValues>({
    initialValues: { summary: '', occurredOn: todayLocal(), milestoneId: '', milestoneStatus: '', evidence: [{ label: '', url: '' }] },
    validate: (v) => zodErrors(progressUpdateBody, toBody(v)),
  });
  const save = useMutation({
    mutationFn: (v: ProgressValues) => reportProgress(s.id, progressUpdateBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['strategies'] });
      form.reset();
    },
  });
  const v = form.getValues();
  return (
    <Section id="strategy-report" title={t('partnership.strategies.report')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)}
        aria-label={t('partnership.strategies.report')}
      >
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          {save.isSuccess && (
            <Alert color="green" variant="light" role="status" py="xs">
              {t('partnership.strategies.reported')}
            </Alert>
          )}
          <Group grow align="flex-start">
            <NativeSelect
              label={t('partnership.fields.milestone')}
              data={[
                { value: '', label: t('partnership.strategies.wholeStrategy') },
                ...milestones.map((m) => ({ value: m.id, label: m.title })),
              ]}
              {...form.getInputProps('milestoneId')}
            />
            <NativeSelect
              label={t('partnership.strategies.newStatus')}
              disabled={!v.milestoneId}
              data={[
                { value: '', label: t('partnership.strategies.statusUnchanged') },
                ...MILESTONE_STATUSES.map((m) => ({ value: m, label: t(`partnership.milestoneStatus.${m}`) })),
              ]}
              {...form.getInputProps('milestoneStatus')}
            />
            <TextInput label={t('partnership.fields.occurredOn')} type="date" required {...form.getInputProps('occurredOn')} />
          </Group>
          <Textarea label={t('partnership.fields.summary')} required autosize minRows={3} {...form.getInputProps('summary')} />
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" size="sm" fw={500} mb={4}>
              {t('partnership.fields.evidence')}
            </Text>
            <Stack gap="xs">
              {v.evidence.map((_, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: evidence rows are positional while typed
                <Group key={n} grow align="flex-start">
                  <TextInput
                    label={t('partnership.strategies.evidenceLabel', { n: n + 1 })}
                    maxLength={300}
                    {...form.getInputProps(`evidence.${n}.label`)}
                  />
                  <TextInput
                    label={t('partnership.strategies.evidenceUrl', { n: n + 1 })}
                    type="url"
                    placeholder="https://"
                    maxLength={1000}
                    {...form.getInputProps(`evidence.${n}.url`)}
                  />
                </Group>
              ))}
              {v.evidence.length < 20 && (
                <Group>
                  <Button variant="subtle" size="xs" onClick={() => form.insertListItem('evidence', { label: '', url: '' })}>
                    {t('partnership.strategies.addEvidence')}
                  </Button>
                </Group>
              )}
            </Stack>
          </fieldset>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('partnership.strategies.submitReport')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function MilestoneForm({ strategy: s, onDone }: { strategy: Strategy; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [owner, setOwner] = useState<Option | null>(null);
  type V = { title: string; dueOn: string; status: string; objectiveId: string };
  const toBody = (v: V) => ({
    title: v.title,
    dueOn: v.dueOn,
    status: v.status,
    objectiveId: v.objectiveId || null,
    ownerId: owner?.value ?? null,
  });
  const form = useForm<V>({
    initialValues: { title: '', dueOn: '', status: 'not_started', objectiveId: '' },
    validate: (v) => zodErrors(milestoneBody, toBody(v)),
  });
  const save = useMutation({
    mutationFn: (v: V) => addMilestone(s.id, milestoneBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['strategies'] });
      onDone();
    },
  });
  return (
    <Paper withBorder p="md" mb="md" bg="gray.0">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}
        aria-label={t('partnership.strategies.addMilestone')}
      >
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <TextInput label={t('partnership.fields.milestone')} required maxLength={300} {...form.getInputProps('title')} />
          <Group grow align="flex-start">
            <TextInput label={t('partnership.fields.dueOn')} type="date" required {...form.getInputProps('dueOn')} />
            <NativeSelect
              label={t('partnership.fields.status')}
              data={MILESTONE_STATUSES.map((m) => ({ value: m, label: t(`partnership.milestoneStatus.${m}`) }))}
              {...form.getInputProps('status')}
            />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label={t('partnership.fields.objective')}
              data={[
                { value: '', label: t('partnership.strategies.noObjective') },
                ...s.objectives.map((o) => ({ value: o.id, label: o.title })),
              ]}
              {...form.getInputProps('objectiveId')}
            />
            <RemoteSelect
              label={t('partnership.fields.owner')}
              value={owner?.value ?? null}
              selected={owner}
              queryKey={['users', 'pick']}
              search={searchUsers}
              onChange={setOwner}
            />
          </Group>
          <Group>
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('partnership.strategies.saveMilestone')}
            </Button>
            <Button size="xs" variant="default" onClick={onDone} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ObjectiveForm({ strategyId, onDone }: { strategyId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [owner, setOwner] = useState<Option | null>(null);
  const toBody = (v: { title: string }) => ({ title: v.title, ownerId: owner?.value ?? null });
  const form = useForm({ initialValues: { title: '' }, validate: (v) => zodErrors(objectiveBody, toBody(v)) });
  const save = useMutation({
    mutationFn: (v: { title: string }) => addObjective(strategyId, objectiveBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (saved) => {
      queryClient.setQueryData(strategyQuery(strategyId).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['strategies'] });
      onDone();
    },
  });
  return (
    <Paper withBorder p="md" mb="md" bg="gray.0">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}
        aria-label={t('partnership.strategies.addObjective')}
      >
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Group grow align="flex-start">
            <TextInput label={t('partnership.fields.objective')} required maxLength={300} {...form.getInputProps('title')} />
            <RemoteSelect
              label={t('partnership.fields.owner')}
              value={owner?.value ?? null}
              selected={owner}
              queryKey={['users', 'pick']}
              search={searchUsers}
              onChange={setOwner}
            />
          </Group>
          <Group>
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('partnership.strategies.saveObjective')}
            </Button>
            <Button size="xs" variant="default" onClick={onDone} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
