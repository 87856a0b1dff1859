import { Badge, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SELF_REFERRAL_STATUSES, type SelfReferralStatus } from '../../../shared/schemas/self-referral.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { type SelfReferralsSearch, selfReferralsQuery } from './selfReferral.api.ts';

const route = getRouteApi('/app/self-referrals');

const COLORS: Record<SelfReferralStatus, string> = { pending_review: 'blue', accepted: 'green', dismissed: 'gray' };

export function SelfReferralStatusBadge({ status }: { status: SelfReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} component="span">
      {t(`selfReferral.status.${status}`)}
    </Badge>
  );
}

/** The review queue: requests from the public form, newest first, pending by default. */
export function SelfReferralsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(selfReferralsQuery(search));
  const refine = (patch: Partial<SelfReferralsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const status = search.status ?? 'pending_review';
  return (
    <>
      <PageHeader title={t('selfReferral.queue.title')} description={t('selfReferral.queue.description')} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('selfReferral.queue.filters')} wrap="wrap">
        <SearchInput label={t('selfReferral.queue.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <SegmentedControl
          aria-label={t('selfReferral.queue.status')}
          value={status}
          data={SELF_REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`selfReferral.status.${s}`) }))}
          onChange={(v) => refine({ status: v === 'pending_review' ? undefined : (v as SelfReferralStatus) })}
        />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            search.q ? (
              <EmptyState
                title={t('selfReferral.queue.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ q: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('selfReferral.queue.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('selfReferral.queue.emptyTitle')}>{t('selfReferral.queue.empty')}</EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={760}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="self-referrals-table">
                  <Table.Caption className="visually-hidden">{t('selfReferral.queue.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('selfReferral.queue.person')}</Table.Th>
                      <Table.Th scope="col">{t('selfReferral.queue.service')}</Table.Th>
                      <Table.Th scope="col">{t('selfReferral.fields.place')}</Table.Th>
                      <Table.Th scope="col">{t('selfReferral.fields.preferredLanguage')}</Table.Th>
                      <Table.Th scope="col">{t('selfReferral.queue.received')}</Table.Th>
                      <Table.Th scope="col">{t('selfReferral.queue.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>
                          <AnchorLink to="/self-referrals/$requestId" params={{ requestId: r.id }} fw={600}>
                            {r.name}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>
                          {r.service.name}
                          <Text size="xs" c="dimmed">
                            {r.organization.name}
                          </Text>
                        </Table.Td>
                        <Table.Td>{r.place}</Table.Td>
                        <Table.Td>{t(`selfReferral.languages.${r.preferredLanguage}`, { defaultValue: r.preferredLanguage })}</Table.Td>
                        <Table.Td>{f.dateTime(r.submittedAt)}</Table.Td>
                        <Table.Td>
                          <SelfReferralStatusBadge status={r.status} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <ListPagination
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onChange={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
              />
            </>
          )
        }
      </QueryState>
    </>
  );
}
