import { Badge, Button, Grid, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type GovernanceBody, meetingBody } from '../../../shared/schemas/governance.ts';
import { Detail } from '../../ui/Detail.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import { SeatForm } from './GovernanceForms.tsx';
import { bodyQuery, meetingsQuery, scheduleMeeting, seatsQuery } from './governance.api.ts';
import { quorumRuleText } from './labels.ts';
import { MeetingStatusBadge } from './MeetingsPage.tsx';

const route = getRouteApi('/app/governance/bodies/$bodyId');

export function BodyDetailPage() {
  const { bodyId } = route.useParams();
  const body = useQuery(bodyQuery(bodyId));
  return <QueryState query={body}>{(b) => <BodyDetail body={b} />}</QueryState>;
}

function BodyDetail({ body: b }: { body: GovernanceBody }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const seats = useQuery(seatsQuery(b.id));
  const meetings = useQuery(meetingsQuery({ bodyId: b.id, pageSize: 100 }));
  const [addingSeat, setAddingSeat] = useState(false);
  return (
    <>
      <PageHeader
        title={b.name}
        description={
          <Badge variant="light" color="gray" tt="none" component="span">
            {t(`governance.bodyKinds.${b.kind}`)}
          </Badge>
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Paper withBorder p="lg" component="section" aria-labelledby="body-rules">
              <Title order={2} size="h4" id="body-rules" mb="md">
                {t('governance.body.rules')}
              </Title>
              <dl className="details">
                <Detail label={t('governance.fields.quorumRule')}>{quorumRuleText(t, b.quorumRule)}</Detail>
                <Detail label={t('governance.fields.passingRule')}>{t(`governance.passingRules.${b.passingRule}`)}</Detail>
                <Detail label={t('governance.fields.seats')}>
                  {t('governance.bodies.seatCount', { seats: f.number(b.currentSeats), voting: f.number(b.currentVotingSeats) })}
                </Detail>
                <Detail label={t('governance.fields.charter')}>
                  {b.charter && <Text style={{ whiteSpace: 'pre-wrap' }}>{b.charter}</Text>}
                </Detail>
              </dl>
            </Paper>
            <Paper withBorder p="lg" component="section" aria-labelledby="body-seats">
              <Group justify="space-between" mb="md">
                <Title order={2} size="h4" id="body-seats">
                  {t('governance.body.seats')}
                </Title>
                {can('governance.manage') && !addingSeat && (
                  <Button variant="light" size="xs" onClick={() => setAddingSeat(true)}>
                    {t('partnership.governance.addSeat')}
                  </Button>
                )}
              </Group>
              {addingSeat && <SeatForm bodyId={b.id} onDone={() => setAddingSeat(false)} />}
              <QueryState query={seats}>
                {(data) => (
                  <Table.ScrollContainer minWidth={520}>
                    <Table data-testid="seats-table">
                      <Table.Caption className="visually-hidden">{t('governance.body.seats')}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('governance.fields.member')}</Table.Th>
                          <Table.Th scope="col">{t('governance.fields.represents')}</Table.Th>
                          <Table.Th scope="col">{t('governance.fields.voting')}</Table.Th>
                          <Table.Th scope="col">{t('governance.fields.term')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {data.items.map((s) => (
                          <Table.Tr key={s.id}>
                            <Table.Td>
                              <Text fw={600} size="sm">
                                {s.user.name}
                              </Text>
                              {s.title && (
                                <Text size="xs" c="dimmed">
                                  {s.title}
                                </Text>
                              )}
                            </Table.Td>
                            <Table.Td>{s.organization?.name ?? t('common.notSet')}</Table.Td>
                            <Table.Td>{t(s.voting ? 'governance.seat.voting' : 'governance.seat.nonVoting')}</Table.Td>
                            <Table.Td>
                              {t(s.termEndsOn ? 'governance.seat.term' : 'governance.seat.termOpen', {
                                from: f.date(s.termStartsOn),
                                to: f.date(s.termEndsOn),
                              })}
                              {!s.current && (
                                <Badge ml="xs" size="xs" color="gray" variant="light">
                                  {t('governance.seat.past')}
                                </Badge>
                              )}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </QueryState>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Paper withBorder p="lg" component="section" aria-labelledby="body-meetings">
              <Title order={2} size="h4" id="body-meetings" mb="md">
                {t('governance.body.meetings')}
              </Title>
              <QueryState query={meetings}>
                {(data) =>
                  data.items.length === 0 ? (
                    <Text c="dimmed">{t('governance.body.noMeetings')}</Text>
                  ) : (
                    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="body-meetings">
                      {data.items.map((m) => (
                        <li key={m.id}>
                          <Group justify="space-between" wrap="nowrap" gap="xs">
                            <Stack gap={0}>
                              <AnchorLink to="/governance/meetings/$meetingId" params={{ meetingId: m.id }} fw={600}>
                                {m.title}
                              </AnchorLink>
                              <Text size="xs" c="dimmed">
                                {f.dateTime(m.startsAt)}
                              </Text>
                            </Stack>
                            <MeetingStatusBadge status={m.status} />
                          </Group>
                        </li>
                      ))}
                    </Stack>
                  )
                }
              </QueryState>
            </Paper>
            {can('governance.manage') && <ScheduleMeetingForm bodyId={b.id} bodyName={b.name} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

interface ScheduleValues {
  title: string;
  startsAt: string;
  location: string;
  agenda: string;
}

function toMeetingBody(v: ScheduleValues) {
  const when = v.startsAt ? new Date(v.startsAt) : null;
  return {
    title: v.title.trim(),
    startsAt: when && !Number.isNaN(when.getTime()) ? when.toISOString() : '',
    location: v.location.trim() || null,
    agenda: v.agenda
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((title) => ({ title })),
  };
}

function ScheduleMeetingForm({ bodyId, bodyName }: { bodyId: string; bodyName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm<ScheduleValues>({
    initialValues: { title: '', startsAt: '', location: '', agenda: '' },
    validate: (values) => zodErrors(meetingBody, toMeetingBody(values)),
  });
  const save = useMutation({
    mutationFn: (values: ScheduleValues) => scheduleMeeting(bodyId, meetingBody.parse(toMeetingBody(values))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (m) => {
      await queryClient.invalidateQueries({ queryKey: ['governance'] });
      await navigate({
        to: '/governance/meetings/$meetingId',
        params: { meetingId: m.id },
        state: { flash: { key: 'governance.schedule.done' } },
      });
    },
  });
  if (!open) {
    return (
      <Button variant="light" onClick={() => setOpen(true)}>
        {t('governance.schedule.action')}
      </Button>
    );
  }
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="schedule-heading">
      <Title order={2} size="h4" id="schedule-heading" mb="md">
        {t('governance.schedule.title', { body: bodyName })}
      </Title>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)}>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <TextInput label={t('governance.fields.meetingTitle')} required maxLength={200} {...form.getInputProps('title')} />
          <TextInput label={t('governance.fields.startsAt')} type="datetime-local" required {...form.getInputProps('startsAt')} />
          <TextInput label={t('governance.fields.location')} maxLength={300} {...form.getInputProps('location')} />
          <Textarea
            label={t('governance.fields.agenda')}
            description={t('governance.schedule.agendaHint')}
            autosize
            minRows={3}
            {...form.getInputProps('agenda')}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('governance.schedule.submit')}
            </Button>
            <Button variant="default" onClick={() => setOpen(false)} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
