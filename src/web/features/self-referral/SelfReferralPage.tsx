import { Button, Grid, Paper, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISMISS_REASONS, type SelfReferral } from '../../../shared/schemas/self-referral.ts';
import { Detail } from '../../ui/Detail.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SelfReferralStatusBadge } from './SelfReferralsPage.tsx';
import { acceptSelfReferral, dismissSelfReferral, selfReferralQuery } from './selfReferral.api.ts';

const route = getRouteApi('/app/self-referrals/$requestId');

export function SelfReferralPage() {
  const { requestId } = route.useParams();
  const query = useQuery(selfReferralQuery(requestId));
  return <QueryState query={query}>{(r) => <RequestView r={r} />}</QueryState>;
}

function RequestView({ r }: { r: SelfReferral }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <PageHeader title={r.name} description={<SelfReferralStatusBadge status={r.status} />} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="lg">
            <Title order={2} size="h4" mb="sm">
              {t('selfReferral.detail.request')}
            </Title>
            <dl className="details" data-testid="self-referral-details">
              <Detail label={t('selfReferral.queue.service')}>
                {r.service.name} · {r.organization.name}
              </Detail>
              <Detail label={t('selfReferral.fields.need')}>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{r.need}</Text>
              </Detail>
              <Detail label={t('selfReferral.fields.phone')}>{r.phone && <a href={`tel:${r.phone}`}>{r.phone}</a>}</Detail>
              <Detail label={t('selfReferral.fields.email')}>{r.email && <a href={`mailto:${r.email}`}>{r.email}</a>}</Detail>
              <Detail label={t('selfReferral.fields.place')}>{r.place}</Detail>
              <Detail label={t('selfReferral.fields.preferredLanguage')}>
                {t(`selfReferral.languages.${r.preferredLanguage}`, { defaultValue: r.preferredLanguage })}
              </Detail>
              <Detail label={t('selfReferral.queue.received')}>{f.dateTime(r.submittedAt)}</Detail>
              <Detail label={t('selfReferral.detail.consent')}>
                {t('selfReferral.detail.consentGiven', { date: f.dateTime(r.consentedAt) })}
              </Detail>
              {r.decidedAt && <Detail label={t('selfReferral.detail.decided')}>{f.dateTime(r.decidedAt)}</Detail>}
              {r.dismissReason && (
                <Detail label={t('selfReferral.detail.reason')}>
                  {t(`selfReferral.reasons.${r.dismissReason}`)}
                  {r.decisionNote ? ` — ${r.decisionNote}` : ''}
                </Detail>
              )}
            </dl>
            {r.status === 'accepted' && (
              <Stack gap={4} mt="md">
                {r.participantId && (
                  <AnchorLink to="/participants/$participantId" params={{ participantId: r.participantId }}>
                    {t('selfReferral.detail.openParticipant')}
                  </AnchorLink>
                )}
                {r.referralId && (
                  <AnchorLink to="/referrals/$referralId" params={{ referralId: r.referralId }}>
                    {t('selfReferral.detail.openReferral')}
                  </AnchorLink>
                )}
              </Stack>
            )}
          </Paper>
        </Grid.Col>
        {r.status === 'pending_review' && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack>
              <AcceptCard r={r} />
              <DismissCard r={r} />
            </Stack>
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}

function useDecided(id: string) {
  const queryClient = useQueryClient();
  return async (next: SelfReferral) => {
    queryClient.setQueryData(selfReferralQuery(id).queryKey, next);
    await queryClient.invalidateQueries({ queryKey: ['self-referrals', 'list'] });
    await queryClient.invalidateQueries({ queryKey: ['home'] });
  };
}

function AcceptCard({ r }: { r: SelfReferral }) {
  const { t } = useTranslation();
  const [into, setInto] = useState('new');
  const decided = useDecided(r.id);
  const accept = useMutation({
    mutationFn: () => acceptSelfReferral(r.id, into === 'new' ? {} : { participantId: into }),
    onSuccess: decided,
  });
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="xs">
        {t('selfReferral.detail.acceptTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('selfReferral.detail.acceptHelp', { organization: r.organization.name })}
      </Text>
      {accept.isError && <ErrorAlert error={accept.error} title={t('forms.notSaved')} />}
      <Radio.Group label={t('selfReferral.detail.into')} value={into} onChange={setInto} mb="md">
        <Stack gap="xs" mt="xs">
          <Radio value="new" label={t('selfReferral.detail.newIntake')} />
          {r.possibleMatches.map((m) => (
            <Radio key={m.id} value={m.id} label={t('selfReferral.detail.existing', { name: m.name, organization: m.organizationName })} />
          ))}
        </Stack>
      </Radio.Group>
      {r.possibleMatches.length === 0 && (
        <Text size="xs" c="dimmed" mb="sm">
          {t('selfReferral.detail.noMatches')}
        </Text>
      )}
      <Button onClick={() => accept.mutate()} loading={accept.isPending}>
        {t('selfReferral.detail.accept')}
      </Button>
    </Paper>
  );
}

function DismissCard({ r }: { r: SelfReferral }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const decided = useDecided(r.id);
  const dismiss = useMutation({
    mutationFn: () => dismissSelfReferral(r.id, { reason: reason as (typeof DISMISS_REASONS)[number], note: note.trim() || undefined }),
    onSuccess: decided,
  });
  return (
    <Paper withBorder p="lg">
      <form
        noValidate
        aria-label={t('selfReferral.detail.dismissTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason) return setMissing(true);
          dismiss.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('selfReferral.detail.dismissTitle')}
          </Title>
          {dismiss.isError && <ErrorAlert error={dismiss.error} title={t('forms.notSaved')} />}
          <Select
            label={t('selfReferral.detail.reason')}
            required
            value={reason}
            error={missing && !reason ? t('fieldErrors.choose') : undefined}
            onChange={(v) => setReason(v)}
            data={DISMISS_REASONS.map((x) => ({ value: x, label: t(`selfReferral.reasons.${x}`) }))}
          />
          <Textarea label={t('selfReferral.detail.note')} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button type="submit" variant="default" color="red" loading={dismiss.isPending}>
            {t('selfReferral.detail.dismiss')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
