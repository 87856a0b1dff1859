import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '../../../../shared/schemas/casework.ts';
import type { Participant } from '../../../../shared/schemas/participants.ts';
import { api } from '../../../api/client.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/format.ts';
import { QueryState } from '../../../ui/QueryState.tsx';
import { followUpsQuery } from '../participants.api.ts';
import { Section, useParticipantWrite } from './common.tsx';

const METHODS = ['phone', 'email', 'text', 'in_person', 'mail'] as const;

export function FollowUpsTab({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const followUps = useQuery(followUpsQuery(p.id));
  return (
    <Section title={t('participants.followUps.title')}>
      <Text size="sm" c="dimmed" mb="sm">
        {t('participants.followUps.description')}
      </Text>
      <QueryState query={followUps}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('participants.followUps.emptyTitle')}>{t('participants.followUps.empty')}</EmptyState>
          ) : (
            <Stack data-testid="follow-ups">
              {list.map((x) => (
                <FollowUpCard key={x.id} x={x} participantId={p.id} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}

function FollowUpCard({ x, participantId }: { x: FollowUp; participantId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [method, setMethod] = useState<(typeof METHODS)[number]>('phone');
  const [reached, setReached] = useState(false);
  const [note, setNote] = useState('');
  const [employed, setEmployed] = useState('');
  const attempt = useParticipantWrite(
    participantId,
    () => api.post(`/participants/${participantId}/follow-ups/${x.id}/attempts`, { method, reached, note: note.trim() || null }),
    () => setNote(''),
  );
  const close = useParticipantWrite(participantId, (status: 'completed' | 'unreachable') =>
    api.post(`/participants/${participantId}/follow-ups/${x.id}/result`, {
      status,
      employed: employed === '' ? null : employed === 'yes',
      note: note.trim() || null,
    }),
  );
  const open = x.status === 'scheduled';
  return (
    <Stack gap={6} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
      <Group justify="space-between">
        <Text fw={650}>{t('participants.followUps.quarter', { n: x.quarterAfterExit })}</Text>
        <Badge variant="light" tt="none" color={open ? 'blue' : x.status === 'completed' ? 'green' : 'gray'}>
          {t(`participants.followUpStatus.${x.status}`)}
        </Badge>
      </Group>
      <Text size="sm">{t('participants.followUps.window', { start: f.date(x.windowStart), end: f.date(x.windowEnd) })}</Text>
      {x.employed !== null && (
        <Text size="sm">{t(x.employed ? 'participants.followUps.employedYes' : 'participants.followUps.employedNo')}</Text>
      )}
      {x.resultNote && <Text size="sm">{x.resultNote}</Text>}
      {x.attempts.length > 0 && (
        <ul>
          {x.attempts.map((a) => (
            <li key={a.id}>
              <Text size="sm" span>
                {f.dateTime(a.attemptedAt)} · {t(`participants.followUps.method.${a.method}`, { defaultValue: a.method })} ·{' '}
                {a.reached ? t('participants.followUps.reached') : t('participants.followUps.notReached')}
                {a.note && ` — ${a.note}`}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            attempt.mutate(undefined);
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('participants.followUps.methodLabel')}
              value={method}
              onChange={(e) => setMethod(e.currentTarget.value as typeof method)}
            >
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`participants.followUps.method.${m}`)}
                </option>
              ))}
            </NativeSelect>
            <Checkbox
              label={t('participants.followUps.reached')}
              checked={reached}
              onChange={(e) => setReached(e.currentTarget.checked)}
              mb={8}
            />
            <TextInput
              label={t('participants.followUps.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              maxLength={1000}
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="light" loading={attempt.isPending}>
              {t('participants.followUps.recordAttempt')}
            </Button>
          </Group>
          <Group align="flex-end" mt="sm" wrap="wrap">
            <NativeSelect
              label={t('participants.followUps.employed')}
              value={employed}
              onChange={(e) => setEmployed(e.currentTarget.value)}
            >
              <option value="">{t('participants.intake.notAnswered')}</option>
              <option value="yes">{t('participants.yesNo.yes')}</option>
              <option value="no">{t('participants.yesNo.no')}</option>
            </NativeSelect>
            <Button onClick={() => close.mutate('completed')} loading={close.isPending}>
              {t('participants.followUps.complete')}
            </Button>
            <Button variant="default" onClick={() => close.mutate('unreachable')} loading={close.isPending}>
              {t('participants.followUps.unreachable')}
            </Button>
          </Group>
          {(attempt.isError || close.isError) && <ErrorAlert error={attempt.error ?? close.error} title={t('forms.notSaved')} />}
        </form>
      )}
    </Stack>
  );
}
