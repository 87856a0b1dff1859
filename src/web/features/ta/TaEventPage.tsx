import { Alert, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapacityEvent } from '../../../shared/schemas/ta.ts';
import { Detail } from '../../ui/Detail.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { FieldMessage } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { usePermissions } from '../auth/session.ts';
import { searchOrganizations } from '../organizations/organizations.api.ts';
import { eventQuery, recordAttendance } from './ta.api.ts';

const route = getRouteApi('/app/ta/events/$eventId');

export function TaEventPage() {
  const { eventId } = route.useParams();
  const event = useQuery(eventQuery(eventId));
  return <QueryState query={event}>{(e) => <EventView event={e} />}</QueryState>;
}

interface Attendee {
  organization: Option;
  name: string;
  userId: string | null;
  attended: boolean;
}

function EventView({ event: e }: { event: CapacityEvent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const manage = can('ta.manage');
  const queryClient = useQueryClient();
  // Attendance is edited as a whole list and saved in one PUT, like a sign-in sheet.
  const [rows, setRows] = useState<Attendee[]>(
    e.attendees.map((a) => ({
      organization: { value: a.organization.id, label: a.organization.name },
      name: a.name,
      userId: a.userId,
      attended: a.attended,
    })),
  );
  const [dirty, setDirty] = useState(false);
  const [organization, setOrganization] = useState<Option | null>(null);
  const [name, setName] = useState('');
  const [addError, setAddError] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      recordAttendance(e.id, {
        attendees: rows.map((r) => ({ organizationId: r.organization.value, name: r.name, userId: r.userId, attended: r.attended })),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(eventQuery(e.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['ta', 'events'] });
      await queryClient.invalidateQueries({ queryKey: ['ta', 'needs'] });
      setDirty(false);
    },
  });
  const change = (next: Attendee[]) => {
    setRows(next);
    setDirty(true);
  };
  return (
    <>
      <PageHeader title={e.title} description={t(`partnership.taTopics.${e.topic}`)} />
      <Stack>
        <Paper withBorder p="lg" component="section" aria-labelledby="event-about">
          <Title order={2} size="h4" id="event-about" mb="md">
            {t('partnership.initiatives.about')}
          </Title>
          <dl className="details">
            <Detail label={t('partnership.fields.heldOn')}>{f.date(e.heldOn)}</Detail>
            <Detail label={t('partnership.fields.durationMinutes')}>{e.durationMinutes !== null && f.number(e.durationMinutes)}</Detail>
            <Detail label={t('partnership.fields.facilitator')}>{e.facilitator}</Detail>
            <Detail label={t('partnership.fields.location')}>{e.location}</Detail>
            <Detail label={t('partnership.fields.attended')}>
              {t('partnership.events.attendance', { people: f.number(e.attended), organizations: f.number(e.organizations) })}
            </Detail>
            <Detail label={t('partnership.fields.description')}>
              {e.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{e.description}</Text>}
            </Detail>
          </dl>
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="event-attendance">
          <Title order={2} size="h4" id="event-attendance" mb="md">
            {t('partnership.events.attendees')}
          </Title>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          {rows.length === 0 ? (
            <EmptyState title={t('partnership.events.noAttendeesTitle')}>
              {t(manage ? 'partnership.events.noAttendeesManage' : 'partnership.events.noAttendees')}
            </EmptyState>
          ) : (
            <Table data-testid="attendance-table">
              <Table.Caption className="visually-hidden">{t('partnership.events.attendees')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('partnership.fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('partnership.fields.organization')}</Table.Th>
                  <Table.Th scope="col">{t('partnership.fields.attended')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r, n) => (
                  <Table.Tr key={`${r.organization.value}:${r.name}`}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{r.organization.label}</Table.Td>
                    <Table.Td>
                      {manage ? (
                        <Checkbox
                          aria-label={t('partnership.events.attendedBy', { name: r.name })}
                          checked={r.attended}
                          onChange={(ev) => change(rows.map((x, i) => (i === n ? { ...x, attended: ev.currentTarget.checked } : x)))}
                        />
                      ) : (
                        t(r.attended ? 'partnership.events.yes' : 'partnership.events.no')
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {manage && (
            <Stack mt="md" gap="sm">
              <Group align="flex-start" grow>
                <TextInput
                  label={t('partnership.events.attendeeName')}
                  value={name}
                  maxLength={200}
                  onChange={(ev) => setName(ev.currentTarget.value)}
                  error={addError && !name.trim() ? <FieldMessage code="required" /> : undefined}
                />
                <RemoteSelect
                  label={t('partnership.fields.organization')}
                  value={organization?.value ?? null}
                  selected={organization}
                  queryKey={['organizations', 'pick']}
                  search={searchOrganizations}
                  onChange={setOrganization}
                  error={addError && !organization ? <FieldMessage code="required" /> : undefined}
                />
              </Group>
              <Group>
                <Button
                  variant="default"
                  onClick={() => {
                    if (!name.trim() || !organization) {
                      setAddError(true);
                      return;
                    }
                    setAddError(false);
                    change([...rows, { organization, name: name.trim(), userId: null, attended: true }]);
                    setName('');
                    setOrganization(null);
                  }}
                >
                  {t('partnership.events.addAttendee')}
                </Button>
                <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
                  {t('partnership.events.saveAttendance')}
                </Button>
                {save.isSuccess && !dirty && (
                  <Alert color="green" variant="light" role="status" py="xs">
                    {t('partnership.events.attendanceSaved')}
                  </Alert>
                )}
              </Group>
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}
