import { Alert, Badge, Button, Checkbox, Group, List, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer, Recipient, RemindResult, SendResult, Survey } from '../../../shared/schemas/surveys.ts';
import { api } from '../../api/client.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import { SurveyResults } from './SurveyResults.tsx';
import { STATUS_COLORS } from './SurveysPage.tsx';
import { recipientsQuery, responsesQuery, surveyContactsQuery, surveyQuery } from './surveys.api.ts';

const route = getRouteApi('/app/surveys/$surveyId');
const RECIPIENT_COLORS = { sent: 'gray', opened: 'blue', responded: 'green', expired: 'red' } as const;

export function SurveyPage() {
  const { t } = useTranslation();
  const { surveyId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = usePermissions();
  const manage = can('surveys.manage');
  const queryClient = useQueryClient();
  const survey = useQuery(surveyQuery(surveyId));
  const tab = search.tab ?? 'results';
  return (
    <QueryState query={survey}>
      {(s) => (
        <>
          <PageHeader
            title={s.title}
            description={
              <Group gap="xs" component="span">
                <Badge color={STATUS_COLORS[s.status]} variant="light" component="span">
                  {t(`surveys.statuses.${s.status}`)}
                </Badge>
                <span>{t('surveys.detail.summary', { responded: s.responded, recipients: s.recipients })}</span>
              </Group>
            }
            actions={
              manage && (
                <>
                  {s.status === 'draft' && (
                    <ButtonLink to="/surveys/$surveyId/edit" params={{ surveyId }} variant="default">
                      {t('surveys.detail.edit')}
                    </ButtonLink>
                  )}
                  {s.responded > 0 && (
                    <Button component="a" variant="default" href={`/api/surveys/${surveyId}/responses/export`} download>
                      {t('surveys.detail.export')}
                    </Button>
                  )}
                  {s.status === 'sent' && (
                    <ConfirmButton
                      variant="default"
                      color="red"
                      title={t('surveys.detail.closeTitle')}
                      message={t('surveys.detail.closeMessage')}
                      confirmLabel={t('surveys.detail.close')}
                      onConfirm={async () => {
                        await api.post<Survey>(`/surveys/${surveyId}/close`);
                        await queryClient.invalidateQueries({ queryKey: ['surveys'] });
                      }}
                    >
                      {t('surveys.detail.close')}
                    </ConfirmButton>
                  )}
                </>
              )
            }
          />
          <Tabs
            value={tab}
            onChange={(v) => navigate({ search: { tab: (v ?? 'results') as typeof tab }, replace: true })}
            keepMounted={false}
          >
            <Tabs.List mb="md">
              <Tabs.Tab value="results">{t('surveys.detail.tabs.results')}</Tabs.Tab>
              {manage && <Tabs.Tab value="recipients">{t('surveys.detail.tabs.recipients')}</Tabs.Tab>}
              {manage && <Tabs.Tab value="responses">{t('surveys.detail.tabs.responses')}</Tabs.Tab>}
              <Tabs.Tab value="questions">{t('surveys.detail.tabs.questions')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="results">
              <SurveyResults surveyId={surveyId} />
            </Tabs.Panel>
            {manage && (
              <Tabs.Panel value="recipients">
                <RecipientsPanel survey={s} />
              </Tabs.Panel>
            )}
            {manage && (
              <Tabs.Panel value="responses">
                <ResponsesPanel survey={s} />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="questions">
              <QuestionsPanel survey={s} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </QueryState>
  );
}

function RecipientsPanel({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const recipients = useQuery(recipientsQuery(survey.id));
  const [notice, setNotice] = useState<string | null>(null);
  const remind = useMutation({
    mutationFn: () => api.post<RemindResult>(`/surveys/${survey.id}/remind`),
    onSuccess: async (r) => {
      setNotice(t('surveys.recipients.reminded', { count: r.reminded }));
      await queryClient.invalidateQueries({ queryKey: ['surveys'] });
    },
  });
  const waiting = (recipients.data?.items ?? []).filter((r) => r.status !== 'responded').length;
  return (
    <Stack>
      {survey.status !== 'closed' && (
        <SendPanel survey={survey} sentTo={new Set((recipients.data?.items ?? []).map((r) => r.contactId))} onSent={setNotice} />
      )}
      {notice && (
        <Alert color="green" role="status" withCloseButton closeButtonLabel={t('common.dismiss')} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="recipients-heading">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="recipients-heading">
            {t('surveys.recipients.title')}
          </Title>
          {survey.status === 'sent' && waiting > 0 && (
            <Button variant="default" onClick={() => remind.mutate()} loading={remind.isPending}>
              {t('surveys.recipients.remind', { count: waiting })}
            </Button>
          )}
        </Group>
        {remind.isError && <ErrorAlert error={remind.error} />}
        <QueryState query={recipients}>
          {(d) =>
            d.items.length === 0 ? (
              <Text c="dimmed">{t('surveys.recipients.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table striped>
                  <Table.Caption className="visually-hidden">{t('surveys.recipients.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('surveys.recipients.employer')}</Table.Th>
                      <Table.Th scope="col">{t('surveys.recipients.contact')}</Table.Th>
                      <Table.Th scope="col">{t('surveys.fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('surveys.recipients.sentAt')}</Table.Th>
                      <Table.Th scope="col">{t('surveys.recipients.respondedAt')}</Table.Th>
                      <Table.Th scope="col">{t('surveys.recipients.expiresAt')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.items.map((r: Recipient) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>{r.organizationName}</Table.Td>
                        <Table.Td>
                          {r.contactName}
                          <Text size="xs" c="dimmed">
                            {r.email}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge color={RECIPIENT_COLORS[r.status]} variant="light">
                            {t(`surveys.recipientStatuses.${r.status}`)}
                          </Badge>
                          {r.reminders > 0 && (
                            <Text size="xs" c="dimmed">
                              {t('surveys.recipients.reminders', { count: r.reminders })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{f.dateTime(r.sentAt)}</Table.Td>
                        <Table.Td>{f.dateTime(r.respondedAt)}</Table.Td>
                        <Table.Td>{f.date(r.expiresAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Paper>
    </Stack>
  );
}

/** Choose employer contacts; those already sent a link are shown as such. */
function SendPanel({ survey, sentTo, onSent }: { survey: Survey; sentTo: Set<string>; onSent: (msg: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const contacts = useQuery(surveyContactsQuery);
  const [chosen, setChosen] = useState<string[]>([]);
  const send = useMutation({
    mutationFn: () => api.post<SendResult>(`/surveys/${survey.id}/send`, { contactIds: chosen }),
    onSuccess: async (r) => {
      setChosen([]);
      onSent(t('surveys.send.sent', { count: r.sent }));
      await queryClient.invalidateQueries({ queryKey: ['surveys'] });
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="send-heading">
      <Title order={2} size="h4" id="send-heading">
        {t('surveys.send.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        {t('surveys.send.description', { days: survey.tokenDays })}
      </Text>
      <QueryState query={contacts}>
        {(d) => {
          const available = d.items.filter((c) => c.email && !sentTo.has(c.contactId));
          if (d.items.length === 0)
            return <EmptyState title={t('surveys.send.noContactsTitle')}>{t('surveys.send.noContacts')}</EmptyState>;
          return (
            <Stack>
              <Group>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => setChosen(available.filter((c) => c.surveyRole).map((c) => c.contactId))}
                  disabled={available.length === 0}
                >
                  {t('surveys.send.chooseSurveyContacts')}
                </Button>
                <Button variant="subtle" size="xs" onClick={() => setChosen([])} disabled={chosen.length === 0}>
                  {t('surveys.send.clear')}
                </Button>
              </Group>
              <Checkbox.Group label={t('surveys.send.contacts')} value={chosen} onChange={setChosen}>
                <Stack gap={6} mt="xs" mah={320} style={{ overflowY: 'auto' }} tabIndex={0} aria-label={t('surveys.send.contacts')}>
                  {d.items.map((c) => {
                    const already = sentTo.has(c.contactId);
                    return (
                      <Checkbox
                        key={c.contactId}
                        value={c.contactId}
                        disabled={!c.email || already}
                        label={`${c.organizationName} — ${c.name}${c.title ? `, ${c.title}` : ''}`}
                        description={already ? t('surveys.send.alreadySent') : (c.email ?? t('surveys.send.noEmail'))}
                      />
                    );
                  })}
                </Stack>
              </Checkbox.Group>
              {send.isError && <ErrorAlert error={send.error} />}
              <Group justify="flex-end">
                <Button onClick={() => send.mutate()} disabled={chosen.length === 0} loading={send.isPending} data-testid="send-survey">
                  {t('surveys.send.submit', { count: chosen.length })}
                </Button>
              </Group>
            </Stack>
          );
        }}
      </QueryState>
    </Paper>
  );
}

function AnswerView({ a }: { a: Answer }) {
  const { t } = useTranslation();
  switch (a.kind) {
    case 'skills_gap':
      return (
        <List size="sm">
          {a.items.map((i) => (
            <List.Item key={i.socCode}>
              {i.socCode} — {[...i.skills, ...(i.other ? [i.other] : [])].join(', ')} ({t(`surveys.severities.${i.severity}`)})
            </List.Item>
          ))}
        </List>
      );
    case 'hiring_projection':
      return (
        <List size="sm">
          {a.items.map((i) => (
            <List.Item key={i.socCode}>{t('surveys.responses.hires', { soc: i.socCode, count: i.count })}</List.Item>
          ))}
        </List>
      );
    case 'hard_to_fill':
      return (
        <List size="sm">
          {a.items.map((i) => (
            <List.Item key={i.socCode}>
              {i.socCode} — {[...i.reasons, ...(i.other ? [i.other] : [])].join(', ')}
            </List.Item>
          ))}
        </List>
      );
    case 'single_choice':
      return <Text size="sm">{a.choice}</Text>;
    case 'number':
      return <Text size="sm">{a.value}</Text>;
    case 'text':
      return (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {a.text}
        </Text>
      );
  }
}

function ResponsesPanel({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const f = useFormat();
  const responses = useQuery(responsesQuery(survey.id));
  const questions = survey.sections.flatMap((s) => s.questions);
  return (
    <QueryState query={responses}>
      {(d) =>
        d.items.length === 0 ? (
          <EmptyState title={t('surveys.results.emptyTitle')}>{t('surveys.results.empty')}</EmptyState>
        ) : (
          <Stack>
            <Text c="dimmed" size="sm">
              {t('surveys.responses.privacy')}
            </Text>
            {d.items.map((r) => (
              <Paper withBorder p="md" key={r.id} component="article" aria-labelledby={`response-${r.id}`}>
                <Title order={2} size="h5" id={`response-${r.id}`}>
                  {r.organizationName}
                </Title>
                <Text size="sm" c="dimmed" mb="xs">
                  {t('surveys.responses.by', { name: r.contactName, when: f.dateTime(r.submittedAt) })}
                </Text>
                <Stack gap="xs">
                  {questions.map((q) =>
                    r.answers[q.id] ? (
                      <div key={q.id}>
                        <Text fw={600} size="sm">
                          {q.prompt}
                        </Text>
                        <AnswerView a={r.answers[q.id]} />
                      </div>
                    ) : null,
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}

function QuestionsPanel({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack>
      {survey.intro && <Text style={{ whiteSpace: 'pre-wrap' }}>{survey.intro}</Text>}
      <Text size="sm" c="dimmed">
        {t('surveys.detail.settings', { date: f.date(survey.closesOn), days: survey.tokenDays })}
      </Text>
      {survey.sections.map((s) => (
        <Paper withBorder p="md" key={s.id} component="section" aria-labelledby={`section-${s.id}`}>
          <Title order={2} size="h4" id={`section-${s.id}`}>
            {s.title}
          </Title>
          <List mt="xs">
            {s.questions.map((q) => (
              <List.Item key={q.id}>
                {q.prompt}{' '}
                <Text span c="dimmed" size="sm">
                  ({t(`surveys.kinds.${q.kind}`)}
                  {q.required ? `, ${t('surveys.builder.requiredShort')}` : ''})
                </Text>
                {'skills' in q && q.skills.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {q.skills.join(' · ')}
                  </Text>
                )}
                {'reasons' in q && q.reasons.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {q.reasons.join(' · ')}
                  </Text>
                )}
                {'options' in q && (
                  <Text size="xs" c="dimmed">
                    {q.options.join(' · ')}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </Paper>
      ))}
    </Stack>
  );
}
