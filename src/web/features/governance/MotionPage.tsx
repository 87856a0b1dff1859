import { Alert, Button, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Motion } from '../../../shared/schemas/governance.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { Detail } from '../../ui/Detail.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import { castVote, LIVE_MS, motionAction, motionQuery } from './governance.api.ts';
import { conflictText } from './labels.ts';
import { MotionBadge } from './MeetingPage.tsx';

const route = getRouteApi('/app/governance/motions/$motionId');

export function MotionPage() {
  const { motionId } = route.useParams();
  // An open vote changes as members vote: keep the tally live.
  const motion = useQuery({ ...motionQuery(motionId), refetchInterval: (q) => (q.state.data?.status === 'open' ? LIVE_MS : false) });
  return <QueryState query={motion}>{(m) => <MotionView motion={m} />}</QueryState>;
}

function useMotionUpdate(id: string) {
  const queryClient = useQueryClient();
  return async (saved: Motion) => {
    queryClient.setQueryData(motionQuery(id).queryKey, saved);
    await queryClient.invalidateQueries({ queryKey: ['governance', 'meeting', saved.meeting.id] });
    await queryClient.invalidateQueries({ queryKey: ['governance', 'decisions'] });
    await queryClient.invalidateQueries({ queryKey: ['home'] });
  };
}

function MotionView({ motion: m }: { motion: Motion }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const update = useMotionUpdate(m.id);
  const open = useMutation({ mutationFn: () => motionAction(m.id, 'open'), onSuccess: update });
  const manage = can('governance.manage');
  return (
    <>
      <PageHeader
        title={m.title}
        description={
          <Group gap="xs" component="span">
            <AnchorLink to="/governance/meetings/$meetingId" params={{ meetingId: m.meeting.id }}>
              {m.meeting.title}
            </AnchorLink>
            <span>·</span>
            <span>{f.dateTime(m.meeting.startsAt)}</span>
            <MotionBadge motion={m} />
          </Group>
        }
        actions={
          manage && (
            <>
              {m.status === 'proposed' && (
                <Button onClick={() => open.mutate()} loading={open.isPending}>
                  {t('governance.motion.openVoting')}
                </Button>
              )}
              {m.status === 'open' && (
                <ConfirmButton
                  title={t('governance.motion.closeTitle')}
                  message={t('governance.motion.closeMessage')}
                  confirmLabel={t('governance.motion.closeVoting')}
                  danger={false}
                  onConfirm={async () => update(await motionAction(m.id, 'close'))}
                >
                  {t('governance.motion.closeVoting')}
                </ConfirmButton>
              )}
              {(m.status === 'proposed' || m.status === 'open') && (
                <ConfirmButton
                  title={t('governance.motion.withdrawTitle')}
                  message={t('governance.motion.withdrawMessage')}
                  confirmLabel={t('governance.motion.withdraw')}
                  onConfirm={async () => update(await motionAction(m.id, 'withdraw'))}
                >
                  {t('governance.motion.withdraw')}
                </ConfirmButton>
              )}
            </>
          )
        }
      />
      {open.isError && <ErrorAlert error={open.error} />}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <TallyCard motion={m} />
            {m.me.seatId && <VotePanel motion={m} />}
            <RecusalList motion={m} />
            <VotesTable motion={m} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="lg" component="section" aria-labelledby="motion-details">
            <Title order={2} size="h4" id="motion-details" mb="md">
              {t('governance.motion.details')}
            </Title>
            <dl className="details">
              <Detail label={t('governance.fields.kind')}>{t(`governance.motionKinds.${m.kind}`)}</Detail>
              <Detail label={t('governance.fields.resolution')}>
                {m.resolution && <Text style={{ whiteSpace: 'pre-wrap' }}>{m.resolution}</Text>}
              </Detail>
              <Detail label={t('governance.fields.concerns')}>{m.organizations.map((o) => o.name).join(', ')}</Detail>
              <Detail label={t('governance.fields.movedBy')}>{m.movedBy?.name}</Detail>
              <Detail label={t('governance.fields.secondedBy')}>{m.secondedBy?.name}</Detail>
              <Detail label={t('governance.fields.body')}>{m.body.name}</Detail>
              <Detail label={t('governance.fields.openedAt')}>{m.openedAt && f.dateTime(m.openedAt)}</Detail>
              <Detail label={t('governance.fields.closedAt')}>{m.closedAt && f.dateTime(m.closedAt)}</Detail>
            </dl>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

function TallyCard({ motion: m }: { motion: Motion }) {
  const { t } = useTranslation();
  const f = useFormat();
  const x = m.tally;
  const headline =
    x.status === 'pending'
      ? t(m.status === 'open' ? `governance.tally.pending.${x.projected}` : 'governance.tally.notOpen')
      : t(`governance.tally.final.${x.status}`);
  const numbers: [string, number][] = [
    ['yes', x.yes],
    ['no', x.no],
    ['abstain', x.abstain],
    ['recused', x.recused],
    ['eligible', x.eligible],
    ['notVoted', x.notVoted],
    ['votesCast', x.votesCast],
    ['votesNeeded', x.votesNeeded],
  ];
  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      aria-labelledby="tally-heading"
      bg={x.status === 'passed' ? 'green.0' : x.status === 'failed' ? 'red.0' : undefined}
      data-testid="tally"
    >
      <Title order={2} size="h4" id="tally-heading" mb={4}>
        {t('governance.tally.title')}
      </Title>
      <Text fw={700} role="status" aria-live="polite" data-testid="tally-outcome">
        {headline}
        {x.reason ? ` — ${t(`governance.tally.reasons.${x.reason}`)}` : ''}
      </Text>
      <Text size="sm" c="dimmed" mb="md">
        {t(`governance.passingRules.${x.passingRule}`)} ·{' '}
        {t(x.quorum.met ? 'governance.quorum.met' : 'governance.quorum.notMet', {
          present: x.quorum.present,
          required: x.quorum.required,
          seats: x.quorum.votingSeats,
        })}
      </Text>
      <SimpleGrid cols={{ base: 2, xs: 4 }} component="dl" m={0}>
        {numbers.map(([key, value]) => (
          <div key={key}>
            <Text component="dt" size="xs" c="dimmed">
              {t(`governance.tally.${key}`)}
            </Text>
            <Text component="dd" m={0} fw={700} fz="xl" data-testid={`tally-${key}`}>
              {f.number(value)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function VotePanel({ motion: m }: { motion: Motion }) {
  const { t } = useTranslation();
  const update = useMotionUpdate(m.id);
  const vote = useMutation({ mutationFn: (value: 'yes' | 'no' | 'abstain') => castVote(m.id, value), onSuccess: update });
  const mine = m.recusals.find((r) => r.seatId === m.me.seatId);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="vote-heading">
      <Title order={2} size="h4" id="vote-heading" mb="sm">
        {t('governance.vote.title')}
      </Title>
      {m.me.vote && m.me.vote !== 'recused' && (
        <Text mb="sm" data-testid="my-vote">
          {t('governance.vote.yourVote', { vote: t(`governance.votes.${m.me.vote}`) })}
        </Text>
      )}
      {m.me.canVote ? (
        <Group role="group" aria-label={t('governance.vote.title')}>
          {(['yes', 'no', 'abstain'] as const).map((value) => (
            <Button
              key={value}
              variant={m.me.vote === value ? 'filled' : 'default'}
              aria-pressed={m.me.vote === value}
              onClick={() => vote.mutate(value)}
              loading={vote.isPending && vote.variables === value}
            >
              {t(`governance.vote.${value}`)}
            </Button>
          ))}
        </Group>
      ) : (
        <Alert variant="light" color={m.me.reason === 'recused' ? 'orange' : 'gray'} data-testid="cannot-vote">
          <Text>{t(`governance.vote.cannot.${m.me.reason ?? 'voting_closed'}`, { defaultValue: t('governance.vote.cannot.other') })}</Text>
          {mine && (
            <Stack component="ul" gap={2} mt={4} pl="md" m={0}>
              {mine.reasons.map((r) => (
                <Text component="li" size="sm" key={`${r.source}:${r.organizationId}:${r.kind}`}>
                  {conflictText(t, r)}
                </Text>
              ))}
            </Stack>
          )}
        </Alert>
      )}
      {vote.isError && <ErrorAlert error={vote.error} title={t('governance.vote.notCounted')} />}
    </Paper>
  );
}

function RecusalList({ motion: m }: { motion: Motion }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="recusals-heading">
      <Title order={2} size="h4" id="recusals-heading" mb={4}>
        {t('governance.recusals.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('governance.recusals.description')}
      </Text>
      {m.recusals.length === 0 ? (
        <Text c="dimmed">{t('governance.recusals.none')}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="recusals">
          {m.recusals.map((r) => (
            <li key={r.seatId}>
              <Text fw={600}>
                {r.user.name}{' '}
                <Text span size="sm" c="dimmed" fw={400}>
                  ({t(r.present ? 'governance.recusals.present' : 'governance.recusals.absent')})
                </Text>
              </Text>
              <Stack component="ul" gap={0} pl="md" m={0}>
                {r.reasons.map((reason) => (
                  <Text component="li" size="sm" key={`${reason.source}:${reason.organizationId}:${reason.kind}`}>
                    {conflictText(t, reason)}
                  </Text>
                ))}
              </Stack>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function VotesTable({ motion: m }: { motion: Motion }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="votes-heading">
      <Title order={2} size="h4" id="votes-heading" mb="md">
        {t('governance.votes.title')}
      </Title>
      {m.votes.length === 0 ? (
        <Text c="dimmed">{t('governance.votes.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table data-testid="votes-table">
            <Table.Caption className="visually-hidden">{t('governance.votes.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('governance.fields.member')}</Table.Th>
                <Table.Th scope="col">{t('governance.fields.represents')}</Table.Th>
                <Table.Th scope="col">{t('governance.fields.vote')}</Table.Th>
                <Table.Th scope="col">{t('governance.fields.castAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {m.votes.map((v) => (
                <Table.Tr key={v.seatId}>
                  <Table.Th scope="row">{v.user.name}</Table.Th>
                  <Table.Td>{v.organization?.name ?? t('common.notSet')}</Table.Td>
                  <Table.Td>
                    {t(`governance.votes.${v.value}`)}
                    {!v.counted && v.value !== 'recused' && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({t('governance.votes.notCounted')})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{f.dateTime(v.castAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
