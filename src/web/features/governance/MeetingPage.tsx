import {
  Alert,
  Anchor,
  Badge,
  Button,
  CloseButton,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { quorumState } from '../../../shared/quorum.ts';
import { ATTENDANCE_STATUSES, type Meeting, type MotionSummary, motionBody, type QuorumRule } from '../../../shared/schemas/governance.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { usePermissions } from '../auth/session.ts';
import { searchOrganizations } from '../organizations/organizations.api.ts';
import { AttachmentUpload } from './GovernanceForms.tsx';
import {
  bodyQuery,
  changeMeeting,
  checkIn,
  createMotion,
  LIVE_MS,
  meetingAction,
  meetingQuery,
  meetingsQuery,
  recordAttendance,
} from './governance.api.ts';
import { MeetingStatusBadge } from './MeetingsPage.tsx';

const route = getRouteApi('/app/governance/meetings/$meetingId');

type Attendance = Meeting['attendance'][number]['status'];

export function MeetingPage() {
  const { meetingId } = route.useParams();
  // While a meeting is on, others check in and vote: keep it fresh.
  const meeting = useQuery({
    ...meetingQuery(meetingId),
    refetchInterval: (q) => (q.state.data?.status === 'in_progress' ? LIVE_MS : false),
  });
  return <QueryState query={meeting}>{(m) => <MeetingView meeting={m} />}</QueryState>;
}

function useMeetingUpdate(meetingId: string) {
  const queryClient = useQueryClient();
  return async (saved: Meeting) => {
    queryClient.setQueryData(meetingQuery(meetingId).queryKey, saved);
    await queryClient.invalidateQueries({ queryKey: ['governance', 'meetings'] });
    await queryClient.invalidateQueries({ queryKey: ['home'] });
  };
}

function MeetingView({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const manage = can('governance.manage');
  const body = useQuery(bodyQuery(m.body.id));
  const [draft, setDraft] = useState<Record<string, Attendance> | null>(null);
  const attendance = Object.fromEntries(m.attendance.map((a) => [a.seatId, draft?.[a.seatId] ?? a.status]));
  const rule: QuorumRule | undefined = body.data?.quorumRule;
  const voting = m.attendance.filter((a) => a.voting);
  // Quorum as it will be once this attendance is saved, computed here with the body's rule.
  const quorum = rule ? quorumState(rule, voting.length, voting.filter((a) => attendance[a.seatId] === 'present').length) : m.quorum;
  const live = m.status === 'scheduled' || m.status === 'in_progress';
  const me = m.attendance.find((a) => a.seatId === m.mySeatId);

  return (
    <>
      <PageHeader
        title={m.title}
        description={
          <Group gap="xs" component="span">
            <AnchorLink to="/governance/bodies/$bodyId" params={{ bodyId: m.body.id }}>
              {m.body.name}
            </AnchorLink>
            <span>·</span>
            <span>{f.dateTime(m.startsAt)}</span>
            {m.location && (
              <>
                <span>·</span>
                <span>{m.location}</span>
              </>
            )}
            <MeetingStatusBadge status={m.status} />
          </Group>
        }
        actions={<MeetingActions meeting={m} canManage={manage} present={me?.status === 'present'} />}
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <QuorumCard quorum={quorum} unsaved={draft !== null} />
            <Paper withBorder p="lg" component="section" aria-labelledby="attendance-heading">
              <Title order={2} size="h4" id="attendance-heading" mb="md">
                {t('governance.meeting.attendance')}
              </Title>
              <AttendanceTable
                meeting={m}
                editable={manage && live}
                attendance={attendance}
                onChange={(seatId, status) => setDraft({ ...(draft ?? {}), [seatId]: status })}
              />
              {manage && live && <SaveAttendance meeting={m} draft={draft} onSaved={() => setDraft(null)} onReset={() => setDraft(null)} />}
            </Paper>
            <MotionsSection meeting={m} canManage={manage} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Paper withBorder p="lg" component="section" aria-labelledby="agenda-heading">
              <Title order={2} size="h4" id="agenda-heading" mb="md">
                {t('governance.meeting.agenda')}
              </Title>
              {m.agenda.length === 0 ? (
                <Text c="dimmed">{t('governance.meeting.noAgenda')}</Text>
              ) : (
                <Stack component="ol" gap={4} pl="md" m={0}>
                  {m.agenda.map((a) => (
                    <li key={a.id}>
                      <Text size="sm">
                        {a.title}
                        {a.durationMinutes ? ` (${t('governance.meeting.minutes', { count: a.durationMinutes })})` : ''}
                      </Text>
                    </li>
                  ))}
                </Stack>
              )}
            </Paper>
            <MinutesSection meeting={m} canManage={manage} />
            <Paper withBorder p="lg" component="section" aria-labelledby="attachments-heading">
              <Title order={2} size="h4" id="attachments-heading" mb="md">
                {t('governance.meeting.attachments')}
              </Title>
              {m.attachments.length === 0 ? (
                <Text c="dimmed">{t('governance.meeting.noAttachments')}</Text>
              ) : (
                <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <Anchor href={`/api/governance/meetings/${m.id}/attachments/${a.id}/content`} download>
                        {a.title}
                      </Anchor>{' '}
                      <Text span size="xs" c="dimmed">
                        {a.file.filename}
                      </Text>
                    </li>
                  ))}
                </Stack>
              )}
              {manage && <AttachmentUpload meetingId={m.id} />}
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function MeetingActions({ meeting: m, canManage, present }: { meeting: Meeting; canManage: boolean; present: boolean }) {
  const { t } = useTranslation();
  const update = useMeetingUpdate(m.id);
  const act = useMutation({ mutationFn: (action: 'open') => meetingAction(m.id, action), onSuccess: update });
  const checkin = useMutation({ mutationFn: () => checkIn(m.id), onSuccess: update });
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="sm">
        {m.mySeatId && m.status === 'in_progress' && !present && (
          <Button variant="light" onClick={() => checkin.mutate()} loading={checkin.isPending}>
            {t('governance.meeting.checkIn')}
          </Button>
        )}
        {canManage && m.status === 'scheduled' && (
          <Button onClick={() => act.mutate('open')} loading={act.isPending}>
            {t('governance.meeting.open')}
          </Button>
        )}
        {canManage && m.status === 'in_progress' && (
          <ConfirmButton
            title={t('governance.meeting.closeTitle')}
            message={t('governance.meeting.closeMessage')}
            confirmLabel={t('governance.meeting.close')}
            danger={false}
            onConfirm={async () => update(await meetingAction(m.id, 'close'))}
          >
            {t('governance.meeting.close')}
          </ConfirmButton>
        )}
        {canManage && m.status === 'scheduled' && (
          <ConfirmButton
            title={t('governance.meeting.cancelTitle')}
            message={t('governance.meeting.cancelMessage')}
            confirmLabel={t('governance.meeting.cancel')}
            onConfirm={async () => update(await meetingAction(m.id, 'cancel'))}
          >
            {t('governance.meeting.cancel')}
          </ConfirmButton>
        )}
      </Group>
      {act.isError && <ErrorAlert error={act.error} />}
      {checkin.isError && <ErrorAlert error={checkin.error} />}
    </Stack>
  );
}

function QuorumCard({ quorum, unsaved }: { quorum: Meeting['quorum']; unsaved: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" bg={quorum.met ? 'green.0' : 'yellow.0'} data-testid="quorum">
      <Text fw={700} role="status" aria-live="polite">
        {t(quorum.met ? 'governance.quorum.met' : 'governance.quorum.notMet', {
          present: quorum.present,
          required: quorum.required,
          seats: quorum.votingSeats,
        })}
      </Text>
      {unsaved && (
        <Text size="sm" c="dimmed">
          {t('governance.quorum.unsaved')}
        </Text>
      )}
    </Paper>
  );
}

function AttendanceTable({
  meeting: m,
  editable,
  attendance,
  onChange,
}: {
  meeting: Meeting;
  editable: boolean;
  attendance: Record<string, Attendance>;
  onChange: (seatId: string, status: Attendance) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table data-testid="attendance-table">
        <Table.Caption className="visually-hidden">{t('governance.meeting.attendance')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('governance.fields.member')}</Table.Th>
            <Table.Th scope="col">{t('governance.fields.represents')}</Table.Th>
            <Table.Th scope="col">{t('governance.fields.voting')}</Table.Th>
            <Table.Th scope="col">{t('governance.fields.attendance')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.attendance.map((a) => (
            <Table.Tr key={a.seatId}>
              <Table.Th scope="row" fw={600}>
                {a.user.name}
              </Table.Th>
              <Table.Td>{a.organization?.name ?? t('common.notSet')}</Table.Td>
              <Table.Td>{t(a.voting ? 'governance.seat.voting' : 'governance.seat.nonVoting')}</Table.Td>
              <Table.Td>
                {editable ? (
                  <NativeSelect
                    aria-label={t('governance.meeting.attendanceOf', { name: a.user.name })}
                    value={attendance[a.seatId] ?? ''}
                    onChange={(e) => onChange(a.seatId, (e.currentTarget.value || null) as Attendance)}
                    data={[
                      { value: '', label: t('governance.attendance.unknown') },
                      ...ATTENDANCE_STATUSES.map((s) => ({ value: s, label: t(`governance.attendance.${s}`) })),
                    ]}
                  />
                ) : (
                  t(`governance.attendance.${attendance[a.seatId] ?? 'unknown'}`)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SaveAttendance({
  meeting: m,
  draft,
  onSaved,
  onReset,
}: {
  meeting: Meeting;
  draft: Record<string, Attendance> | null;
  onSaved: () => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const update = useMeetingUpdate(m.id);
  const entries = Object.entries(draft ?? {})
    .filter(([, status]) => status !== null)
    .map(([seatId, status]) => ({ seatId, status: status as NonNullable<Attendance> }));
  const save = useMutation({
    mutationFn: () => recordAttendance(m.id, { entries }),
    onSuccess: async (saved) => {
      onSaved();
      await update(saved);
    },
  });
  return (
    <Stack mt="md" gap="xs">
      {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
      {save.isSuccess && !draft && (
        <Text size="sm" role="status">
          {t('governance.meeting.attendanceSaved')}
        </Text>
      )}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={entries.length === 0}>
          {t('governance.meeting.saveAttendance')}
        </Button>
        {draft && (
          <Button variant="default" onClick={onReset} disabled={save.isPending}>
            {t('governance.meeting.undoAttendance')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

const OUTCOME_COLORS = { passed: 'green', failed: 'red' } as const;

export function MotionBadge({ motion }: { motion: Pick<MotionSummary, 'status' | 'outcome'> }) {
  const { t } = useTranslation();
  if (motion.status === 'closed' && motion.outcome) {
    return (
      <Badge color={OUTCOME_COLORS[motion.outcome]} variant="light" tt="none">
        {t(`governance.outcome.${motion.outcome}`)}
      </Badge>
    );
  }
  return (
    <Badge color={motion.status === 'open' ? 'indigo' : 'gray'} variant="light" tt="none">
      {t(`governance.motionStatus.${motion.status}`)}
    </Badge>
  );
}

function MotionsSection({ meeting: m, canManage }: { meeting: Meeting; canManage: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="motions-heading">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id="motions-heading">
          {t('governance.meeting.motions')}
        </Title>
        {canManage && (m.status === 'scheduled' || m.status === 'in_progress') && !adding && (
          <Button variant="light" size="sm" onClick={() => setAdding(true)}>
            {t('governance.motion.new')}
          </Button>
        )}
      </Group>
      {adding && <NewMotionForm meeting={m} onDone={() => setAdding(false)} />}
      {m.motions.length === 0 ? (
        <Text c="dimmed">{t('governance.meeting.noMotions')}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="meeting-motions">
          {m.motions.map((motion) => (
            <li key={motion.id}>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={0}>
                  <AnchorLink to="/governance/motions/$motionId" params={{ motionId: motion.id }} fw={600}>
                    {motion.title}
                  </AnchorLink>
                  {motion.organizations.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('governance.motion.concerns', { organizations: motion.organizations.map((o) => o.name).join(', ') })}
                    </Text>
                  )}
                </Stack>
                <MotionBadge motion={motion} />
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

interface MotionValues {
  title: string;
  resolution: string;
  minutesMeetingId: string;
}

function NewMotionForm({ meeting: m, onDone }: { meeting: Meeting; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [organizations, setOrganizations] = useState<Option[]>([]);
  const earlier = useQuery(meetingsQuery({ bodyId: m.body.id, status: 'closed', pageSize: 100 }));
  const withDraftMinutes = (earlier.data?.items ?? []).filter((x) => x.minutesStatus === 'draft' && x.startsAt < m.startsAt);
  const toBody = (v: MotionValues) => ({
    kind: v.minutesMeetingId ? ('approve_minutes' as const) : ('general' as const),
    title: v.title.trim(),
    resolution: v.resolution.trim() || null,
    organizationIds: organizations.map((o) => o.value),
    ...(v.minutesMeetingId ? { minutesMeetingId: v.minutesMeetingId } : {}),
  });
  const form = useForm<MotionValues>({
    initialValues: { title: '', resolution: '', minutesMeetingId: '' },
    validate: (values) => zodErrors(motionBody, toBody(values)),
  });
  const save = useMutation({
    mutationFn: (values: MotionValues) => createMotion(m.id, motionBody.parse(toBody(values))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (motion) => {
      await queryClient.invalidateQueries({ queryKey: ['governance'] });
      onDone();
      await navigate({
        to: '/governance/motions/$motionId',
        params: { motionId: motion.id },
        state: { flash: { key: 'governance.motion.created' } },
      });
    },
  });
  return (
    <Paper withBorder p="md" mb="md" bg="gray.0">
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} aria-label={t('governance.motion.new')}>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <TextInput label={t('governance.fields.motionTitle')} required maxLength={300} {...form.getInputProps('title')} />
          <Textarea
            label={t('governance.fields.resolution')}
            autosize
            minRows={2}
            maxLength={20_000}
            {...form.getInputProps('resolution')}
          />
          <div>
            <RemoteSelect
              label={t('governance.fields.concerns')}
              description={t('governance.motion.concernsHint')}
              value={null}
              selected={null}
              queryKey={['organizations', 'pick']}
              search={searchOrganizations}
              onChange={(option) => {
                if (option && !organizations.some((o) => o.value === option.value)) setOrganizations([...organizations, option]);
              }}
              testId="motion-organizations"
            />
            {organizations.length > 0 && (
              <Group gap="xs" mt="xs" component="ul" p={0} style={{ listStyle: 'none' }} aria-label={t('governance.fields.concerns')}>
                {organizations.map((o) => (
                  <Badge
                    component="li"
                    key={o.value}
                    variant="light"
                    tt="none"
                    rightSection={
                      <CloseButton
                        size="xs"
                        aria-label={t('governance.motion.removeOrganization', { name: o.label })}
                        onClick={() => setOrganizations(organizations.filter((x) => x.value !== o.value))}
                      />
                    }
                  >
                    {o.label}
                  </Badge>
                ))}
              </Group>
            )}
          </div>
          {withDraftMinutes.length > 0 && (
            <NativeSelect
              label={t('governance.fields.approvesMinutes')}
              description={t('governance.motion.approvesMinutesHint')}
              data={[
                { value: '', label: t('governance.motion.noMinutes') },
                ...withDraftMinutes.map((x) => ({ value: x.id, label: x.title })),
              ]}
              {...form.getInputProps('minutesMeetingId')}
            />
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('governance.motion.create')}
            </Button>
            <Button variant="default" onClick={onDone} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function MinutesSection({ meeting: m, canManage }: { meeting: Meeting; canManage: boolean }) {
  const { t } = useTranslation();
  const update = useMeetingUpdate(m.id);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(m.minutes ?? '');
  const save = useMutation({
    mutationFn: () => changeMeeting(m.id, { minutes: text.trim() || null }),
    onSuccess: async (saved) => {
      setEditing(false);
      await update(saved);
    },
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="minutes-heading">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id="minutes-heading">
          {t('governance.meeting.minutesTitle')}
        </Title>
        <Badge variant="light" color={m.minutesStatus === 'approved' ? 'green' : 'gray'} tt="none">
          {t(`governance.minutesStatus.${m.minutesStatus}`)}
        </Badge>
      </Group>
      {m.minutesStatus === 'approved' && m.minutesApprovedBy && (
        <Alert variant="light" color="green" mb="sm">
          <AnchorLink to="/governance/motions/$motionId" params={{ motionId: m.minutesApprovedBy }}>
            {t('governance.meeting.minutesApprovedBy')}
          </AnchorLink>
        </Alert>
      )}
      {editing ? (
        <Stack>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Textarea
            label={t('governance.meeting.minutesTitle')}
            autosize
            minRows={6}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('forms.saveChanges')}
            </Button>
            <Button variant="default" onClick={() => setEditing(false)} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <>
          {m.minutes ? (
            <Text style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Text>
          ) : (
            <Text c="dimmed">{t('governance.meeting.noMinutes')}</Text>
          )}
          {canManage && m.minutesStatus !== 'approved' && (
            <Button
              variant="default"
              size="sm"
              mt="sm"
              onClick={() => {
                setText(m.minutes ?? '');
                setEditing(true);
              }}
            >
              {t(m.minutes ? 'governance.meeting.editMinutes' : 'governance.meeting.writeMinutes')}
            </Button>
          )}
        </>
      )}
    </Paper>
  );
}
