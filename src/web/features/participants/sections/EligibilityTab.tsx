import { Alert, Badge, Button, Group, List, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../../../../shared/schemas/eligibility.ts';
import type { Participant } from '../../../../shared/schemas/participants.ts';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/format.ts';
import { QueryState } from '../../../ui/QueryState.tsx';
import { determinationsQuery, fundingStreamsQuery, today } from '../participants.api.ts';
import { Section, useParticipantWrite } from './common.tsx';

const RESULT_COLORS = { eligible: 'green', not_eligible: 'red', incomplete: 'yellow' } as const;

export function ResultBadge({ result }: { result: Evaluation['result'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={RESULT_COLORS[result]} variant="light" tt="none">
      {t(`participants.eligibility.result.${result}`)}
    </Badge>
  );
}

/** Why: one line per condition, indented as the rule nests them; unknown facts say so. */
function Reasons({ e }: { e: Evaluation }) {
  const { t } = useTranslation();
  return (
    <ul style={{ listStyle: 'none', paddingLeft: 0, margin: 0 }}>
      {e.reasons.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the reasons are one fixed, ordered answer; labels may repeat.
        <li key={`${i}:${r.label}`} style={{ paddingLeft: r.depth * 20 }}>
          <Text size="sm" span fw={600}>
            {r.met === null
              ? t('participants.eligibility.unknown')
              : r.met
                ? t('participants.eligibility.met')
                : t('participants.eligibility.notMet')}
          </Text>{' '}
          <Text size="sm" span>
            {r.label}
          </Text>
          {r.detail && (
            <Text size="sm" span c="dimmed">
              {' '}
              — {r.detail}
            </Text>
          )}
        </li>
      ))}
    </ul>
  );
}

export function EligibilityTab({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const f = useFormat();
  const streams = useQuery(fundingStreamsQuery);
  const determinations = useQuery(determinationsQuery(p.id));
  const [streamId, setStreamId] = useState('');
  const [asOf, setAsOf] = useState(today());
  const [note, setNote] = useState('');
  const evaluate = useMutation({
    mutationFn: () =>
      api.post<Evaluation[]>(`/participants/${p.id}/eligibility/evaluate`, {
        ...(streamId ? { fundingStreamIds: [streamId] } : {}),
        asOf,
      }),
  });
  const record = useParticipantWrite(
    p.id,
    (fundingStreamId: string) =>
      api.post(`/participants/${p.id}/eligibility/determinations`, {
        fundingStreamId,
        asOf,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    () => setNote(''),
  );
  return (
    <>
      <Section title={t('participants.eligibility.check')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            evaluate.mutate();
          }}
        >
          <Group align="flex-end" mb="md">
            <NativeSelect
              label={t('participants.eligibility.stream')}
              value={streamId}
              onChange={(e) => setStreamId(e.currentTarget.value)}
              miw={260}
            >
              <option value="">{t('participants.eligibility.allStreams')}</option>
              {(streams.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              type="date"
              label={t('participants.eligibility.asOf')}
              value={asOf}
              onChange={(e) => setAsOf(e.currentTarget.value)}
              required
            />
            <Button type="submit" loading={evaluate.isPending} disabled={!asOf}>
              {t('participants.eligibility.evaluate')}
            </Button>
          </Group>
        </form>
        {evaluate.isError && <ErrorAlert error={evaluate.error} />}
        {record.isError && <ErrorAlert error={record.error} title={t('forms.notSaved')} />}
        {evaluate.data && (
          <Stack gap="md" data-testid="eligibility-results" aria-live="polite">
            {evaluate.data.map((e) => (
              <Stack key={e.fundingStreamId} gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
                <Group justify="space-between">
                  <Text fw={650}>{e.fundingStreamName}</Text>
                  <Group gap="xs">
                    {e.priority && (
                      <Badge variant="outline" tt="none">
                        {t('participants.eligibility.priority', { level: e.priority.level, label: e.priority.label })}
                      </Badge>
                    )}
                    <ResultBadge result={e.result} />
                  </Group>
                </Group>
                <Reasons e={e} />
                {e.evidence.length > 0 && (
                  <>
                    <Text size="sm" fw={600}>
                      {t('participants.eligibility.evidence')}
                    </Text>
                    <List size="sm">
                      {e.evidence.map((x) => (
                        <List.Item key={x}>{x}</List.Item>
                      ))}
                    </List>
                  </>
                )}
                {e.missingFacts.length > 0 && (
                  <Alert color="yellow" p="xs">
                    {t('participants.eligibility.missing', { facts: e.missingFacts.join(', ') })}
                  </Alert>
                )}
                <Group align="flex-end">
                  <TextInput
                    label={t('participants.eligibility.note')}
                    value={note}
                    onChange={(ev) => setNote(ev.currentTarget.value)}
                    maxLength={1000}
                    style={{ flex: 1 }}
                  />
                  <Button variant="light" onClick={() => record.mutate(e.fundingStreamId)} loading={record.isPending}>
                    {t('participants.eligibility.record')}
                    <span className="visually-hidden">: {e.fundingStreamName}</span>
                  </Button>
                </Group>
              </Stack>
            ))}
          </Stack>
        )}
      </Section>
      <Section title={t('participants.eligibility.determinations')}>
        <QueryState query={determinations}>
          {(list) =>
            list.length === 0 ? (
              <Text>{t('participants.eligibility.noDeterminations')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped data-testid="determinations">
                  <Table.Caption className="visually-hidden">{t('participants.eligibility.determinations')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('participants.eligibility.stream')}</Table.Th>
                      <Table.Th scope="col">{t('participants.eligibility.asOf')}</Table.Th>
                      <Table.Th scope="col">{t('participants.eligibility.resultLabel')}</Table.Th>
                      <Table.Th scope="col">{t('participants.eligibility.determinedBy')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((d) => (
                      <Table.Tr key={d.id}>
                        <Table.Td>
                          {d.fundingStreamName}{' '}
                          <Text span size="xs" c="dimmed">
                            {t('participants.eligibility.ruleVersion', { version: d.ruleVersion })}
                          </Text>
                          {d.note && <Text size="sm">{d.note}</Text>}
                        </Table.Td>
                        <Table.Td>{f.date(d.asOf)}</Table.Td>
                        <Table.Td>
                          <ResultBadge result={d.result} />
                        </Table.Td>
                        <Table.Td>
                          {d.determinedBy ?? '—'}, {f.dateTime(d.determinedAt)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Section>
    </>
  );
}
