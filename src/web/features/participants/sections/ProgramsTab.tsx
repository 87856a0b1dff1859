import { Alert, Badge, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXIT_REASONS, type Participation } from '../../../../shared/schemas/casework.ts';
import type { Participant } from '../../../../shared/schemas/participants.ts';
import { api } from '../../../api/client.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/format.ts';
import { QueryState } from '../../../ui/QueryState.tsx';
import { allInitiativesQuery } from '../../initiatives/initiatives.api.ts';
import { fundingStreamsQuery, participationsQuery, today } from '../participants.api.ts';
import { Section, useParticipantWrite } from './common.tsx';

export function ProgramsTab({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const participations = useQuery(participationsQuery(p.id));
  const open = participations.data?.some((x) => !x.exitDate);
  return (
    <>
      <Section title={t('participants.programs.title')}>
        <QueryState query={participations}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={t('participants.programs.emptyTitle')}>{t('participants.programs.empty')}</EmptyState>
            ) : (
              <Stack gap="sm" data-testid="participations">
                {list.map((x) => (
                  <ParticipationCard key={x.id} x={x} participantId={p.id} />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </Section>
      {!open && participations.data && <EnrollForm participantId={p.id} />}
    </>
  );
}

function ParticipationCard({ x, participantId }: { x: Participation; participantId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [exitDate, setExitDate] = useState(x.proposedExitDate ?? today());
  const [reason, setReason] = useState('');
  const exit = useParticipantWrite(participantId, (body: { exitDate?: string; exitReason: string | null }) =>
    api.post(`/participants/${participantId}/participations/${x.id}/exit`, body),
  );
  return (
    <Stack gap={6} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
      <Group justify="space-between">
        <Text fw={650}>{x.fundingStreams.map((s) => s.name).join(' + ')}</Text>
        <Badge variant="light" color={x.exitDate ? 'grape' : 'green'} tt="none">
          {x.exitDate ? t('participants.programs.exited') : t('participants.programs.open')}
        </Badge>
      </Group>
      <Text size="sm">
        {t('participants.programs.entry', { date: f.date(x.entryDate) })}
        {x.exitDate && ` · ${t('participants.programs.exit', { date: f.date(x.exitDate) })}`}
        {x.exitReason && ` · ${t(`participants.exitReason.${x.exitReason}`)}`}
      </Text>
      <Text size="sm" data-testid="participation-initiative">
        {x.initiative ? t('participants.programs.inInitiative', { name: x.initiative.name }) : t('participants.programs.noInitiative')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('participants.programs.lastQualifying', { date: f.date(x.lastQualifyingServiceDate) })}
      </Text>
      {exit.isError && <ErrorAlert error={exit.error} title={t('forms.notSaved')} />}
      {x.proposedExitDate && !x.exitDate && (
        <Alert color="yellow" title={t('participants.programs.proposedTitle')} data-testid="proposed-exit">
          <Text size="sm" mb="xs">
            {t('participants.programs.proposed', { date: f.date(x.proposedExitDate) })}
          </Text>
          <Button size="xs" onClick={() => exit.mutate({ exitReason: null })} loading={exit.isPending}>
            {t('participants.programs.confirmProposed')}
          </Button>
        </Alert>
      )}
      {!x.exitDate && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            exit.mutate({ exitDate, exitReason: reason || null });
          }}
        >
          <Group align="flex-end">
            <TextInput
              type="date"
              label={t('participants.programs.exitDate')}
              value={exitDate}
              onChange={(e) => setExitDate(e.currentTarget.value)}
              required
            />
            <NativeSelect label={t('participants.programs.exitReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              <option value="">{t('participants.programs.noExclusion')}</option>
              {Object.keys(EXIT_REASONS).map((k) => (
                <option key={k} value={k}>
                  {t(`participants.exitReason.${k}`)}
                </option>
              ))}
            </NativeSelect>
            <Button type="submit" variant="default" loading={exit.isPending} disabled={!exitDate}>
              {t('participants.programs.exitAction')}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function EnrollForm({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const streams = useQuery(fundingStreamsQuery);
  const initiatives = useQuery(allInitiativesQuery);
  const [entryDate, setEntryDate] = useState(today());
  const [ids, setIds] = useState<string[]>([]);
  // Offered: initiatives under way. Preselected as the server would default: the only active one.
  const choices = (initiatives.data?.items ?? []).filter((i) => i.status === 'active' || i.status === 'sustaining');
  const onlyActive = choices.filter((i) => i.status === 'active');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const initiativeId = chosen ?? (onlyActive.length === 1 ? onlyActive[0].id : '');
  const enroll = useParticipantWrite(participantId, () =>
    api.post(`/participants/${participantId}/participations`, { entryDate, fundingStreamIds: ids, initiativeId: initiativeId || null }),
  );
  return (
    <Section title={t('participants.programs.enroll')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ids.length) enroll.mutate(undefined);
        }}
      >
        <Stack maw={760}>
          {enroll.isError && <ErrorAlert error={enroll.error} title={t('forms.notSaved')} />}
          <Checkbox.Group label={t('participants.programs.streams')} required value={ids} onChange={setIds}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
              {(streams.data ?? []).map((s) => (
                <Checkbox key={s.id} value={s.id} label={s.name} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <TextInput
            type="date"
            label={t('participants.programs.entryDate')}
            description="PIRL 900"
            value={entryDate}
            onChange={(e) => setEntryDate(e.currentTarget.value)}
            required
            w={220}
          />
          {choices.length > 0 && (
            <NativeSelect
              label={t('participants.programs.initiative')}
              description={t('participants.programs.initiativeHelp')}
              value={initiativeId}
              onChange={(e) => setChosen(e.currentTarget.value)}
              maw={480}
            >
              <option value="">{t('participants.programs.noInitiative')}</option>
              {choices.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </NativeSelect>
          )}
          <Group>
            <Button type="submit" loading={enroll.isPending} disabled={ids.length === 0 || !entryDate}>
              {t('participants.programs.enrollAction')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
