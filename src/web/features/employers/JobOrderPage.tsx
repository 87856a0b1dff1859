import { Alert, Badge, Button, Grid, Group, List, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  type Candidate,
  type CandidateReferral,
  type JobOrder,
  type MatchReason,
  REFERRAL_NEXT,
} from '../../../shared/schemas/employers.ts';
import { Detail } from '../../ui/Detail.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import { candidatesQuery, decide, dollars, jobOrderQuery, refer, referralsQuery } from './employers.api.ts';
import { BAND_COLOR } from './JobOrdersPage.tsx';

const route = getRouteApi('/app/job-orders/$jobOrderId');

export function JobOrderPage() {
  const { jobOrderId } = route.useParams();
  const { t } = useTranslation();
  const can = usePermissions();
  const job = useQuery(jobOrderQuery(jobOrderId));
  return (
    <QueryState query={job}>
      {(j) => (
        <>
          <JobOrderHeader j={j} />
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <JobDetails j={j} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <QualityBreakdown j={j} />
            </Grid.Col>
          </Grid>
          {j.status !== 'open' && j.status !== 'draft' && (
            <Alert my="md" title={t(`employers.statuses.${j.status}`)}>
              {t(`employers.jobOrder.notOpen.${j.status}`)}
            </Alert>
          )}
          {can('candidates.decide') && <Referrals jobOrderId={j.id} />}
          {can('matching.run') && j.status === 'open' && <Candidates jobOrderId={j.id} />}
        </>
      )}
    </QueryState>
  );
}

function JobOrderHeader({ j }: { j: JobOrder }) {
  const { t } = useTranslation();
  return (
    <PageHeader
      title={j.title}
      description={`${j.employer.name} · ${j.socCode} ${j.socTitle ?? ''} · ${t(`employers.statuses.${j.status}`)}`}
    />
  );
}

function JobDetails({ j }: { j: JobOrder }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="job-details">
      <Title order={2} size="h4" id="job-details" mb="md">
        {t('employers.jobOrder.details')}
      </Title>
      <dl className="details">
        <Detail label={t('employers.fields.openings')}>
          {t('employers.jobOrder.filledOf', { hires: f.number(j.hires), openings: f.number(j.openings) })}
        </Detail>
        <Detail label={t('employers.fields.wage')}>{`${dollars(j.wageMinCents)}–${dollars(j.wageMaxCents)}`}</Detail>
        <Detail label={t('employers.fields.hoursPerWeek')}>{String(j.hoursPerWeek)}</Detail>
        <Detail label={t('employers.fields.shift')}>{t(`employers.shifts.${j.shift}`)}</Detail>
        <Detail label={t('employers.fields.schedule')}>{t(`employers.schedules.${j.schedule}`)}</Detail>
        <Detail label={t('employers.fields.benefits')}>{j.benefits.map((b) => t(`employers.benefits.${b}`)).join(', ')}</Detail>
        <Detail label={t('employers.fields.requiredCredentials')}>{j.requiredCredentials.join(', ')}</Detail>
        <Detail label={t('employers.fields.county')}>{j.countyName}</Detail>
        <Detail label={t('employers.fields.workMode')}>{t(`employers.workModes.${j.workMode}`)}</Detail>
        <Detail label={t('employers.fields.opensOn')}>{f.date(j.opensOn)}</Detail>
        <Detail label={t('employers.fields.closesOn')}>{j.closesOn && f.date(j.closesOn)}</Detail>
      </dl>
    </Paper>
  );
}

function QualityBreakdown({ j }: { j: JobOrder }) {
  const { t } = useTranslation();
  const q = j.quality;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="job-quality" data-testid="job-quality">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id="job-quality">
          {t('employers.quality.title')}
        </Title>
        <Badge size="lg" color={BAND_COLOR[q.band]}>
          {t('employers.quality.scoreBand', { score: q.score, band: t(`employers.quality.bands.${q.band}`) })}
        </Badge>
      </Group>
      <Stack gap="sm">
        {q.components.map((c) => (
          <div key={c.key}>
            <Group justify="space-between">
              <Text fw={600}>{t(`employers.quality.components.${c.key}`)}</Text>
              <Text>{t('employers.points', { points: c.points, max: c.max })}</Text>
            </Group>
            <Progress value={(c.points / c.max) * 100} aria-hidden />
            <Text size="sm" c="dimmed">
              {qualityDetail(t, c)}
            </Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

type T = ReturnType<typeof useTranslation>['t'];
function qualityDetail(t: T, c: JobOrder['quality']['components'][number]): string {
  const d = c.detail as Record<string, unknown>;
  switch (c.key) {
    case 'wage':
      return d.livingWageCents === null
        ? t('employers.quality.noLivingWage')
        : t('employers.quality.wageDetail', {
            wage: dollars(d.hourlyWageCents as number),
            living: dollars(d.livingWageCents as number),
            percent: d.percentOfLivingWage,
          });
    case 'benefits':
      return (d.missing as string[]).length
        ? t('employers.quality.missingBenefits', { list: (d.missing as string[]).map((b) => t(`employers.benefits.${b}`)).join(', ') })
        : t('employers.quality.allBenefits');
    case 'hours':
      return t('employers.quality.hoursDetail', { hours: d.hoursPerWeek ?? '—' });
    case 'schedule':
      return d.schedule ? t(`employers.schedules.${d.schedule}`) : t('employers.quality.notRecorded');
    default:
      return d.advancementPathway ? t('employers.quality.pathway') : t('employers.quality.noPathway');
  }
}

function reasonText(t: T, r: MatchReason): string {
  const d = r.detail as Record<string, unknown>;
  switch (r.key) {
    case 'occupation':
      return d.level === 'none'
        ? t('employers.reasons.noOccupation')
        : t(`employers.reasons.occupation.${d.level}`, { title: d.targetTitle ?? d.targetSoc });
    case 'credentials':
      return (d.missing as string[]).length
        ? t('employers.reasons.credentialsMissing', { missing: (d.missing as string[]).join(', ') })
        : t('employers.reasons.credentialsAll');
    case 'training':
      return d.related
        ? t('employers.reasons.trainingRelated', { program: d.related })
        : d.completedAny
          ? t('employers.reasons.trainingOther')
          : t('employers.reasons.trainingNone');
    case 'location':
      return t(`employers.reasons.location.${d.relation}`, { county: d.county ?? '—' });
    case 'shift':
      return !d.known
        ? t('employers.reasons.shiftUnknown')
        : r.points > 0
          ? t('employers.reasons.shiftOk')
          : t('employers.reasons.shiftNo');
    default:
      return !d.known
        ? t('employers.reasons.wageUnknown')
        : r.points > 0
          ? t('employers.reasons.wageOk')
          : t('employers.reasons.wageNo', { wage: dollars(d.expectedCents as number) });
  }
}

function Candidates({ jobOrderId }: { jobOrderId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery(candidatesQuery(jobOrderId));
  const referring = useMutation({
    mutationFn: (participantId: string) => refer(jobOrderId, participantId),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['job-orders'] }),
  });
  return (
    <Paper withBorder p="lg" mt="lg" component="section" aria-labelledby="candidates">
      <Title order={2} size="h4" id="candidates" mb="xs">
        {t('employers.candidates.title')}
      </Title>
      <Text c="dimmed" mb="md">
        {t('employers.candidates.description')}
      </Text>
      {referring.error && <ErrorAlert error={referring.error} />}
      <QueryState query={list}>
        {(m) =>
          m.candidates.length === 0 ? (
            <EmptyState title={t('employers.candidates.emptyTitle')}>{t('employers.candidates.empty')}</EmptyState>
          ) : (
            <>
              <Text size="sm" mb="sm">
                {t('employers.candidates.considered', { count: m.considered })}
              </Text>
              <Table.ScrollContainer minWidth={720}>
                <Table data-testid="candidates-table">
                  <Table.Caption className="visually-hidden">{t('employers.candidates.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('employers.candidates.name')}</Table.Th>
                      <Table.Th scope="col">{t('employers.candidates.score')}</Table.Th>
                      <Table.Th scope="col">{t('employers.candidates.reasons')}</Table.Th>
                      <Table.Th scope="col">
                        <span className="visually-hidden">{t('employers.candidates.action')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {m.candidates.map((c: Candidate) => (
                      <Table.Tr key={c.participantId}>
                        <Table.Td fw={600}>{c.name}</Table.Td>
                        <Table.Td>{t('employers.points', { points: c.score, max: 100 })}</Table.Td>
                        <Table.Td>
                          <List size="sm" spacing={2}>
                            {c.reasons.map((r) => (
                              <List.Item key={r.key}>
                                {`${t('employers.points', { points: r.points, max: r.max })} · ${reasonText(t, r)}`}
                              </List.Item>
                            ))}
                          </List>
                        </Table.Td>
                        <Table.Td>
                          {c.referral ? (
                            <Badge>{t(`employers.referralStatuses.${c.referral.status}`)}</Badge>
                          ) : (
                            <Button
                              size="xs"
                              loading={referring.isPending && referring.variables === c.participantId}
                              onClick={() => referring.mutate(c.participantId)}
                              aria-label={t('employers.candidates.referName', { name: c.name })}
                            >
                              {t('employers.candidates.refer')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )
        }
      </QueryState>
    </Paper>
  );
}

function Referrals({ jobOrderId }: { jobOrderId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const list = useQuery(referralsQuery(jobOrderId));
  const deciding = useMutation({
    mutationFn: ({ id, status }: { id: string; status: CandidateReferral['status'] }) => decide(id, { status }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['job-orders'] }),
  });
  return (
    <Paper withBorder p="lg" mt="lg" component="section" aria-labelledby="referrals">
      <Title order={2} size="h4" id="referrals" mb="md">
        {t('employers.referrals.title')}
      </Title>
      {deciding.error && <ErrorAlert error={deciding.error} />}
      <QueryState query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState title={t('employers.referrals.emptyTitle')}>{t('employers.referrals.empty')}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table data-testid="referrals-table">
                <Table.Caption className="visually-hidden">{t('employers.referrals.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('employers.candidates.name')}</Table.Th>
                    <Table.Th scope="col">{t('employers.referrals.shared')}</Table.Th>
                    <Table.Th scope="col">{t('employers.fields.status')}</Table.Th>
                    <Table.Th scope="col">{t('employers.referrals.referredOn')}</Table.Th>
                    <Table.Th scope="col">{t('employers.referrals.decision')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td fw={600}>{r.name}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{r.contact?.email ?? t('employers.referrals.noContact')}</Text>
                        {r.credentials && r.credentials.length > 0 && <Text size="sm">{r.credentials.map((c) => c.title).join(', ')}</Text>}
                      </Table.Td>
                      <Table.Td>{t(`employers.referralStatuses.${r.status}`)}</Table.Td>
                      <Table.Td>{f.date(r.referredOn)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          {REFERRAL_NEXT[r.status].map((s) => (
                            <Button
                              key={s}
                              size="xs"
                              variant={s === 'hired' ? 'filled' : 'default'}
                              onClick={() => deciding.mutate({ id: r.id, status: s })}
                              aria-label={t('employers.referrals.markAs', { name: r.name, status: t(`employers.referralStatuses.${s}`) })}
                            >
                              {t(`employers.referralStatuses.${s}`)}
                            </Button>
                          ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Paper>
  );
}
