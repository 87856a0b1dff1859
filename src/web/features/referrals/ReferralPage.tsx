import { Alert, Button, Grid, Group, Paper, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/schemas/participants.ts';
import type { Referral, ReferralStep } from '../../../shared/schemas/referrals.ts';
import { isApiError } from '../../api/client.ts';
import { Detail } from '../../ui/Detail.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { useMe, usePermissions } from '../auth/session.ts';
import { servicesQuery } from '../directory/directory.api.ts';
import { participantQuery } from '../participants/participants.api.ts';
import { EscalatedBadge, OverdueBadge, ReferralStatusBadge } from './ReferralsPage.tsx';
import { referralQuery, stepReferral } from './referrals.api.ts';

const route = getRouteApi('/app/referrals/$referralId');

export function ReferralPage() {
  const { referralId } = route.useParams();
  const referral = useQuery(referralQuery(referralId));
  return <QueryState query={referral}>{(r) => <ReferralView referral={r} />}</QueryState>;
}

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

type Action = ReferralStep['status'];
/** The steps docs/referrals.md allows from each status, and which side may take them. */
const RECEIVER_STEPS: Partial<Record<Referral['status'], Action[]>> = {
  sent: ['accepted', 'declined'],
  accepted: ['in_progress', 'completed', 'not_completed', 'declined'],
  in_progress: ['completed', 'not_completed'],
};
const SENDER_STEPS: Partial<Record<Referral['status'], Action[]>> = {
  declined: ['sent'],
  completed: ['sent'],
  not_completed: ['sent'],
};

function ReferralView({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const can = usePermissions();
  const oversight = can('referrals.manage');
  const mine = (id: string | null) => id !== null && me.memberships.some((m) => m.organizationId === id);
  const actions = [
    ...(oversight || mine(r.receiver.id) ? (RECEIVER_STEPS[r.status] ?? []) : []),
    ...(oversight || mine(r.sender.id) ? (SENDER_STEPS[r.status] ?? []) : []),
  ];
  return (
    <>
      <PageHeader
        title={t('directory.referral.title', { service: r.service.name })}
        description={
          <Group gap="xs" component="span">
            <ReferralStatusBadge status={r.status} />
            {r.overdue && <OverdueBadge />}
            {r.status === 'sent' && <EscalatedBadge level={r.escalationLevel} />}
            <Text span>{t(`directory.urgency.${r.urgency}`, { defaultValue: r.urgency })}</Text>
          </Group>
        }
      />
      {r.status === 'sent' && r.escalatedAt && (
        <Alert color="red" variant="light" mb="md" data-testid="referral-escalated">
          {t('directory.referral.escalatedOn', { date: f.date(r.escalatedAt) })}
        </Alert>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: actions.length > 0 ? 7 : 9 }}>
          <Stack>
            <Card id="referral-details" title={t('directory.referral.details')}>
              <dl className="details" data-testid="referral-details">
                <Detail label={t('directory.referrals.service')}>
                  <AnchorLink to="/directory/services/$serviceId" params={{ serviceId: r.service.id }}>
                    {r.service.name}
                  </AnchorLink>
                </Detail>
                <Detail label={t('directory.referrals.from')}>{r.sender.name}</Detail>
                <Detail label={t('directory.referrals.to')}>{r.receiver.name}</Detail>
                <Detail label={t('directory.referral.reason')}>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{r.reason}</Text>
                </Detail>
                <Detail label={t('directory.referral.notes')}>
                  {r.notes && <Text style={{ whiteSpace: 'pre-wrap' }}>{r.notes}</Text>}
                </Detail>
                <Detail label={t('directory.referral.categories')}>
                  {r.categories.map((c) => t(`directory.categories.${c}`, { defaultValue: c })).join(', ')}
                </Detail>
                <Detail label={t('directory.referrals.sent')}>{f.dateTime(r.sentAt)}</Detail>
                <Detail label={t('directory.referrals.due')}>{r.dueOn && f.date(r.dueOn)}</Detail>
                <Detail label={t('directory.referral.declineReason')}>{r.declineReason}</Detail>
                <Detail label={t('directory.referral.suggested')}>
                  {r.suggestedServiceId && (
                    <AnchorLink to="/directory/services/$serviceId" params={{ serviceId: r.suggestedServiceId }}>
                      {t('directory.referral.suggestedLink')}
                    </AnchorLink>
                  )}
                </Detail>
                <Detail label={t('directory.referral.outcome')}>{r.outcome}</Detail>
              </dl>
            </Card>
            <ParticipantCard referral={r} />
            <Card id="referral-history" title={t('directory.referral.history')}>
              <Timeline active={r.timeline.length} bulletSize={14} lineWidth={2} data-testid="referral-history">
                {r.timeline.map((e) => (
                  <Timeline.Item key={`${e.at}-${e.status}`} title={t(`directory.referralStatus.${e.status}`, { defaultValue: e.status })}>
                    <Text size="xs" c="dimmed">
                      {f.dateTime(e.at)}
                    </Text>
                    {e.note && <Text size="sm">{e.note}</Text>}
                  </Timeline.Item>
                ))}
              </Timeline>
            </Card>
          </Stack>
        </Grid.Col>
        {actions.length > 0 && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <StepCard referral={r} actions={actions} />
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}

/** What the API lets this caller see of the participant: the receiver gets exactly the consented categories. */
function ParticipantCard({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation();
  const f = useFormat();
  const participant = useQuery({ ...participantQuery(r.participant?.id ?? ''), enabled: r.participant !== null, retry: false });
  let body: ReactNode;
  if (!r.participant) body = <Text>{t('directory.referral.participantHidden')}</Text>;
  else if (participant.isPending) body = <Text>{r.participant.name}</Text>;
  else if (participant.isError)
    body =
      isApiError(participant.error) && participant.error.status === 404 ? (
        <Text>{r.participant.name}</Text>
      ) : (
        <ErrorAlert error={participant.error} />
      );
  else body = <ParticipantData p={participant.data} />;
  return (
    <Card id="referral-participant" title={t('directory.referral.participant')}>
      <div data-testid="referral-participant">
        {body}
        {r.participant && (
          <Text size="xs" c="dimmed" mt="sm">
            {t('directory.referral.consentedOnly', { date: f.date(r.sentAt) })}
          </Text>
        )}
      </div>
    </Card>
  );
}

function ParticipantData({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');
  return (
    <dl className="details">
      <Detail label={t('directory.referral.name')}>{name}</Detail>
      {p.contact && (
        <>
          <Detail label={t('directory.referral.email')}>{p.contact.email}</Detail>
          <Detail label={t('directory.referral.phone')}>{p.contact.phone}</Detail>
          <Detail label={t('directory.referral.address')}>
            {[p.contact.addressLine1, p.contact.city, p.contact.stateCode, p.contact.postalCode].filter(Boolean).join(', ')}
          </Detail>
          <Detail label={t('directory.referral.language')}>
            {p.contact.preferredLanguage &&
              t(`participants.languages.${p.contact.preferredLanguage}`, { defaultValue: p.contact.preferredLanguage })}
          </Detail>
        </>
      )}
      {p.demographics && (
        <Detail label={t('directory.referral.dateOfBirth')}>{p.demographics.dateOfBirth && f.date(p.demographics.dateOfBirth)}</Detail>
      )}
      {p.education && (
        <Detail label={t('directory.referral.education')}>
          {[
            p.education.educationLevel && t(`participants.educationLevel.${p.education.educationLevel}`),
            p.education.schoolStatus && t(`participants.schoolStatus.${p.education.schoolStatus}`),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Detail>
      )}
      {p.employment && (
        <Detail label={t('directory.referral.employment')}>
          {p.employment.employmentStatus && t(`participants.employmentStatus.${p.employment.employmentStatus}`)}
        </Detail>
      )}
    </dl>
  );
}

function StepCard({ referral: r, actions }: { referral: Referral; actions: Action[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [suggested, setSuggested] = useState<Option | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const step = useMutation({
    mutationFn: (status: Action) => {
      const text = note.trim() || undefined;
      const body: ReferralStep =
        status === 'completed' || status === 'not_completed'
          ? { status, outcome: text }
          : status === 'declined'
            ? { status, note: text, suggestedServiceId: suggested?.value }
            : { status, note: text };
      return stepReferral(r.id, body);
    },
    onSuccess: async (saved) => {
      setNote('');
      setSuggested(null);
      queryClient.setQueryData(referralQuery(r.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['referrals', 'list'] });
    },
  });
  const act = (status: Action) => {
    // A decline must say why (docs/referrals.md); say so here rather than after a round trip.
    if (status === 'declined' && note.trim().length === 0) {
      setNoteError(t('directory.referral.reasonRequired'));
      document.getElementById('referral-note')?.focus();
      return;
    }
    setNoteError(null);
    step.mutate(status);
  };
  return (
    <Card id="referral-step" title={t('directory.referral.next')}>
      <Stack gap="sm">
        {step.isError && <ErrorAlert error={step.error} title={t('forms.notSaved')} />}
        <Textarea
          id="referral-note"
          label={t('directory.referral.note')}
          description={t('directory.referral.noteHint')}
          autosize
          minRows={3}
          maxLength={2000}
          value={note}
          error={noteError}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {actions.includes('declined') && (
          <RemoteSelect
            label={t('directory.referral.suggest')}
            value={suggested?.value ?? null}
            selected={suggested}
            queryKey={['directory', 'suggest']}
            search={async (q) => {
              const page = await queryClient.fetchQuery(servicesQuery({ q: q || undefined }, 8));
              return page.items
                .filter((s) => s.id !== r.service.id)
                .map((s) => ({ value: s.id, label: `${s.name} — ${s.organization.name}` }));
            }}
            onChange={setSuggested}
          />
        )}
        <Group gap="xs">
          {actions.map((a) => (
            <Button
              key={a}
              variant={a === 'declined' || a === 'not_completed' ? 'default' : 'filled'}
              loading={step.isPending && step.variables === a}
              disabled={step.isPending}
              onClick={() => act(a)}
            >
              {t(`directory.referral.actions.${a}`)}
            </Button>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
