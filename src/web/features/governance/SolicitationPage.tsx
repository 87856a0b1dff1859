import { Alert, Anchor, Button, Grid, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ranking, Solicitation } from '../../../shared/schemas/governance.ts';
import { Detail } from '../../ui/Detail.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { useMe, usePermissions } from '../auth/session.ts';
import {
  meetingsQuery,
  myScoresQuery,
  proposeAward,
  rankingQuery,
  scoreProposal,
  solicitationAction,
  solicitationQuery,
} from './governance.api.ts';
import { conflictText } from './labels.ts';
import { SolicitationStatusBadge } from './SolicitationsPage.tsx';

const route = getRouteApi('/app/governance/solicitations/$solicitationId');

export function SolicitationPage() {
  const { solicitationId } = route.useParams();
  const solicitation = useQuery(solicitationQuery(solicitationId));
  return <QueryState query={solicitation}>{(s) => <SolicitationView solicitation={s} />}</QueryState>;
}

function SolicitationView({ solicitation: s }: { solicitation: Solicitation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const queryClient = useQueryClient();
  const ranking = useQuery(rankingQuery(s.id));
  const manage = can('governance.manage');
  const act = useMutation({
    mutationFn: (action: 'publish' | 'close') => solicitationAction(s.id, action),
    onSuccess: async (saved) => {
      queryClient.setQueryData(solicitationQuery(s.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['governance', 'solicitations'] });
    },
  });
  const money = (cents: number | null) =>
    cents === null
      ? null
      : new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(cents / 100);
  return (
    <>
      <PageHeader
        title={s.title}
        description={
          <Group gap="xs" component="span">
            <AnchorLink to="/governance/bodies/$bodyId" params={{ bodyId: s.body.id }}>
              {s.body.name}
            </AnchorLink>
            <span>·</span>
            <span>{t('governance.solicitation.due', { date: f.dateTime(s.deadline) })}</span>
            <SolicitationStatusBadge status={s.status} />
          </Group>
        }
        actions={
          manage && (
            <>
              {s.status === 'draft' && (
                <Button onClick={() => act.mutate('publish')} loading={act.isPending}>
                  {t('governance.solicitation.publish')}
                </Button>
              )}
              {s.status === 'open' && (
                <Button onClick={() => act.mutate('close')} loading={act.isPending}>
                  {t('governance.solicitation.closeProposals')}
                </Button>
              )}
            </>
          )
        }
      />
      {act.isError && <ErrorAlert error={act.error} />}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <QueryState query={ranking}>
              {(r) => (
                <>
                  <RankingTable solicitation={s} ranking={r} />
                  {s.amReviewer && s.status === 'review' && <ReviewerScores solicitation={s} ranking={r} />}
                  {manage && s.status === 'review' && <AwardForm solicitation={s} ranking={r} />}
                </>
              )}
            </QueryState>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="lg" component="section" aria-labelledby="solicitation-details">
            <Title order={2} size="h4" id="solicitation-details" mb="md">
              {t('governance.solicitation.details')}
            </Title>
            <dl className="details">
              <Detail label={t('governance.fields.scope')}>{s.scope}</Detail>
              <Detail label={t('governance.fields.budget')}>{money(s.budgetCents)}</Detail>
              <Detail label={t('governance.fields.reviewers')}>{s.reviewers.map((r) => r.name).join(', ')}</Detail>
            </dl>
            <Table mt="md" data-testid="criteria-table">
              <Table.Caption>{t('governance.solicitation.criteria')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('governance.fields.criterion')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('governance.fields.weight')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('governance.fields.maxScore')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.criteria.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td ta="right">{f.number(c.weight)}</Table.Td>
                    <Table.Td ta="right">{f.number(c.maxScore)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

function RankingTable({ solicitation: s, ranking: r }: { solicitation: Solicitation; ranking: Ranking }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="ranking-heading">
      <Title order={2} size="h4" id="ranking-heading" mb={4}>
        {t('governance.solicitation.ranking')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('governance.solicitation.rankingHint')}
      </Text>
      {r.items.length === 0 ? (
        <Text c="dimmed">{t('governance.solicitation.noProposals')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={440}>
          <Table data-testid="ranking-table">
            <Table.Caption className="visually-hidden">{t('governance.solicitation.ranking')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('governance.fields.rank')}</Table.Th>
                <Table.Th scope="col">{t('fields.organization')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('governance.fields.score')}
                </Table.Th>
                <Table.Th scope="col">{t('governance.fields.recusedReviewers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.items.map((item) => (
                <Table.Tr key={item.proposal.id}>
                  <Table.Td>{item.rank ?? '—'}</Table.Td>
                  <Table.Th scope="row">
                    {item.proposal.organization.name}
                    {s.awardedProposalId === item.proposal.id && (
                      <Text span size="xs" c="green.8" fw={700}>
                        {' '}
                        ({t('governance.solicitation.awarded')})
                      </Text>
                    )}
                    <Text size="xs" c="dimmed" fw={400}>
                      {item.proposal.title}
                    </Text>
                    {item.proposal.attachments.map((a) => (
                      <Text key={a.id} size="xs" fw={400}>
                        <Anchor href={`/api/governance/proposals/${item.proposal.id}/attachments/${a.id}/content`} download>
                          {a.title}
                        </Anchor>
                      </Text>
                    ))}
                  </Table.Th>
                  <Table.Td ta="right">
                    {item.weightedScore === null ? t('governance.solicitation.notScored') : f.number(item.weightedScore)}
                    <Text size="xs" c="dimmed">
                      {t('governance.solicitation.reviewersScored', { count: item.reviewersScored })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{item.recusedReviewers.map((x) => x.reviewer.name).join(', ') || t('governance.recusals.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function ReviewerScores({ solicitation: s, ranking: r }: { solicitation: Solicitation; ranking: Ranking }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="scores-heading">
      <Title order={2} size="h4" id="scores-heading" mb={4}>
        {t('governance.solicitation.yourScores')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('governance.solicitation.yourScoresHint')}
      </Text>
      <Stack>
        {r.items.map((item) => {
          const recused = item.recusedReviewers.find((x) => x.reviewer.id === me.user.id);
          return recused ? (
            <Alert key={item.proposal.id} variant="light" color="orange" title={item.proposal.organization.name}>
              <Text>{t('governance.solicitation.recused')}</Text>
              <Stack component="ul" gap={2} mt={4} pl="md" m={0}>
                {recused.reasons.map((reason) => (
                  <Text component="li" size="sm" key={`${reason.source}:${reason.organizationId}:${reason.kind}`}>
                    {conflictText(t, reason)}
                  </Text>
                ))}
              </Stack>
            </Alert>
          ) : (
            <ScoreForm
              key={item.proposal.id}
              solicitation={s}
              proposalId={item.proposal.id}
              organization={item.proposal.organization.name}
            />
          );
        })}
      </Stack>
    </Paper>
  );
}

function ScoreForm({
  solicitation: s,
  proposalId,
  organization,
}: {
  solicitation: Solicitation;
  proposalId: string;
  organization: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const mine = useQuery(myScoresQuery(proposalId));
  const [values, setValues] = useState<Record<string, number | ''>>({});
  useEffect(() => {
    if (!mine.data) return;
    setValues(Object.fromEntries(mine.data.items.filter((x) => x.reviewer.id === me.user.id).map((x) => [x.criterionId, x.score])));
  }, [mine.data, me.user.id]);
  const complete = s.criteria.every((c) => typeof values[c.id] === 'number');
  const save = useMutation({
    mutationFn: () => scoreProposal(proposalId, { scores: s.criteria.map((c) => ({ criterionId: c.id, score: values[c.id] as number })) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['governance', 'solicitation', s.id, 'ranking'] });
      await queryClient.invalidateQueries({ queryKey: ['governance', 'scores', proposalId] });
    },
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label={t('governance.solicitation.scoreOf', { organization })}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Text fw={600} mb="xs">
        {organization}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {s.criteria.map((c) => (
          <NumberInput
            key={c.id}
            label={c.name}
            description={t('governance.solicitation.outOf', { max: c.maxScore })}
            min={0}
            max={c.maxScore}
            clampBehavior="strict"
            allowDecimal={false}
            value={values[c.id] ?? ''}
            onChange={(v) => setValues({ ...values, [c.id]: typeof v === 'number' ? v : '' })}
          />
        ))}
      </SimpleGrid>
      {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
      <Group mt="sm">
        <Button type="submit" size="sm" loading={save.isPending} disabled={!complete}>
          {t('governance.solicitation.saveScores')}
        </Button>
        {save.isSuccess && (
          <Text size="sm" role="status">
            {t('governance.solicitation.scoresSaved')}
          </Text>
        )}
      </Group>
    </Paper>
  );
}

function AwardForm({ solicitation: s, ranking: r }: { solicitation: Solicitation; ranking: Ranking }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const meetings = useQuery(meetingsQuery({ bodyId: s.body.id, pageSize: 100 }));
  const upcoming = (meetings.data?.items ?? []).filter((m) => m.status === 'scheduled' || m.status === 'in_progress');
  const [proposalId, setProposalId] = useState(r.items[0]?.proposal.id ?? '');
  const [meetingId, setMeetingId] = useState('');
  const award = useMutation({
    mutationFn: () => proposeAward(s.id, { proposalId, meetingId }),
    onSuccess: async (motion) => {
      await queryClient.invalidateQueries({ queryKey: ['governance'] });
      await navigate({
        to: '/governance/motions/$motionId',
        params: { motionId: motion.id },
        state: { flash: { key: 'governance.motion.created' } },
      });
    },
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="award-heading">
      <Title order={2} size="h4" id="award-heading" mb={4}>
        {t('governance.solicitation.award')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('governance.solicitation.awardHint', { body: s.body.name })}
      </Text>
      <Stack>
        {award.isError && <ErrorAlert error={award.error} title={t('forms.notSaved')} />}
        <NativeSelect
          label={t('governance.fields.proposal')}
          value={proposalId}
          onChange={(e) => setProposalId(e.currentTarget.value)}
          data={r.items.map((i) => ({ value: i.proposal.id, label: `${i.rank ?? '—'}. ${i.proposal.organization.name}` }))}
        />
        <NativeSelect
          label={t('governance.fields.meetingTitle')}
          value={meetingId}
          onChange={(e) => setMeetingId(e.currentTarget.value)}
          data={[
            { value: '', label: t('governance.solicitation.chooseMeeting') },
            ...upcoming.map((m) => ({ value: m.id, label: m.title })),
          ]}
        />
        <Group>
          <Button onClick={() => award.mutate()} loading={award.isPending} disabled={!proposalId || !meetingId}>
            {t('governance.solicitation.moveAward')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
