import { Badge, Button, Checkbox, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../../shared/schemas/referrals.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { type ReferralsSearch, referralsQuery } from './referrals.api.ts';

const route = getRouteApi('/app/referrals');

const STATUS_COLORS: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'cyan',
  declined: 'gray',
  in_progress: 'indigo',
  completed: 'green',
  not_completed: 'orange',
};

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} component="span">
      {t(`directory.referralStatus.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="red.8" component="span">
      {t('directory.referrals.overdue')}
    </Badge>
  );
}

/** Escalated to the intermediary (level 1), or escalated again (level 2). */
export function EscalatedBadge({ level }: { level: number }) {
  const { t } = useTranslation();
  if (level < 1) return null;
  return (
    <Badge variant="outline" color="red.9" component="span">
      {t(level > 1 ? 'directory.referrals.escalatedAgain' : 'directory.referrals.escalated')}
    </Badge>
  );
}

export function ReferralsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  // Receivers start on what came in, senders on what they sent.
  const box = search.box ?? (can('referrals.receive') ? 'inbox' : 'outbox');
  const list = useQuery(referralsQuery(search, box));
  const refine = (patch: Partial<ReferralsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const filtered = Boolean(search.status || search.overdue || search.escalated || search.initiativeId);
  const boxes = [
    { value: 'inbox', label: t('directory.referrals.inbox') },
    { value: 'outbox', label: t('directory.referrals.outbox') },
    ...(can('referrals.manage') ? [{ value: 'all', label: t('directory.referrals.all') }] : []),
  ];
  return (
    <>
      <PageHeader
        title={t('directory.referrals.title')}
        description={t('directory.referrals.description')}
        actions={can('referrals.send') && <ButtonLink to="/directory">{t('directory.referrals.findService')}</ButtonLink>}
      />
      <Group align="flex-end" mb="md" role="search" aria-label={t('directory.referrals.filters')} wrap="wrap">
        <SegmentedControl
          aria-label={t('directory.referrals.box')}
          value={box}
          data={boxes}
          onChange={(v) => refine({ box: v as ReferralsSearch['box'] })}
        />
        <FilterSelect
          label={t('directory.referrals.status')}
          allLabel={t('directory.referrals.allStatuses')}
          value={search.status}
          options={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`directory.referralStatus.${s}`) }))}
          onChange={(status) => refine({ status })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
        <Checkbox
          mb={8}
          label={t('directory.referrals.overdueOnly')}
          checked={search.overdue ?? false}
          onChange={(e) => refine({ overdue: e.currentTarget.checked || undefined })}
        />
        <Checkbox
          mb={8}
          label={t('directory.referrals.escalatedOnly')}
          checked={search.escalated ?? false}
          onChange={(e) => refine({ escalated: e.currentTarget.checked || undefined })}
        />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('directory.referrals.noMatchesTitle')}
                action={
                  <Button
                    variant="default"
                    onClick={() => refine({ status: undefined, overdue: undefined, escalated: undefined, initiativeId: undefined })}
                  >
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('directory.referrals.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('directory.referrals.emptyTitle')}>
                {t(box === 'inbox' ? 'directory.referrals.emptyInbox' : 'directory.referrals.emptyOutbox')}
              </EmptyState>
            )
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="xs" data-testid="referrals-count">
                {data.totalCapped
                  ? t('directory.referrals.countCapped', { total: f.number(data.total) })
                  : t('directory.referrals.count', { count: data.total, total: f.number(data.total) })}
              </Text>
              <Table.ScrollContainer minWidth={820}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="referrals-table">
                  <Table.Caption className="visually-hidden">{t('directory.referrals.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('directory.referrals.service')}</Table.Th>
                      <Table.Th scope="col">{t('directory.referrals.participant')}</Table.Th>
                      <Table.Th scope="col">{box === 'inbox' ? t('directory.referrals.from') : t('directory.referrals.to')}</Table.Th>
                      {/* Wide enough for "Not completed" and the overdue flag, which would otherwise be cut off. */}
                      <Table.Th scope="col" miw={170}>
                        {t('directory.referrals.status')}
                      </Table.Th>
                      <Table.Th scope="col">{t('directory.referrals.sent')}</Table.Th>
                      <Table.Th scope="col">{t('directory.referrals.due')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>
                          <AnchorLink to="/referrals/$referralId" params={{ referralId: r.id }} fw={600}>
                            {r.service.name}
                          </AnchorLink>
                          <Text size="xs" c="dimmed">
                            {t(`directory.urgency.${r.urgency}`, { defaultValue: r.urgency })}
                          </Text>
                        </Table.Td>
                        <Table.Td>{r.participant?.name ?? t('directory.referrals.hidden')}</Table.Td>
                        <Table.Td>{box === 'inbox' ? (r.sender.name ?? '—') : r.receiver.name}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            <ReferralStatusBadge status={r.status} />
                            {r.overdue && <OverdueBadge />}
                            {r.status === 'sent' && <EscalatedBadge level={r.escalationLevel} />}
                          </Group>
                        </Table.Td>
                        <Table.Td>{f.date(r.sentAt)}</Table.Td>
                        <Table.Td>{r.dueOn ? f.date(r.dueOn) : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <ListPagination
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                totalCapped={data.totalCapped}
                onChange={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
              />
            </>
          )
        }
      </QueryState>
    </>
  );
}
