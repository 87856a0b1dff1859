import { Button, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../../shared/schemas/participants.ts';
import { api } from '../../../api/client.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/format.ts';
import { QueryState } from '../../../ui/QueryState.tsx';
import { notesQuery } from '../participants.api.ts';
import { Section, useParticipantWrite } from './common.tsx';

export function NotesTab({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notes = useQuery(notesQuery(p.id));
  const [body, setBody] = useState('');
  const add = useParticipantWrite(
    p.id,
    () => api.post(`/participants/${p.id}/notes`, { body: body.trim() }),
    () => setBody(''),
  );
  return (
    <Section title={t('participants.notes.title')}>
      <Text size="sm" c="dimmed" mb="sm">
        {t('participants.notes.description')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) add.mutate(undefined);
        }}
      >
        <Stack mb="md">
          <Textarea
            label={t('participants.notes.new')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={20000}
          />
          {add.isError && <ErrorAlert error={add.error} title={t('forms.notSaved')} />}
          <Button type="submit" loading={add.isPending} disabled={!body.trim()} style={{ alignSelf: 'flex-start' }}>
            {t('participants.notes.save')}
          </Button>
        </Stack>
      </form>
      <QueryState query={notes}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('participants.notes.emptyTitle')}>{t('participants.notes.empty')}</EmptyState>
          ) : (
            <Stack data-testid="notes">
              {list.map((n) => (
                <Paper key={n.id} withBorder p="sm">
                  <Text size="sm" c="dimmed">
                    {n.author}, {n.authorOrganization.name} · {f.dateTime(n.createdAt)}
                  </Text>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}
