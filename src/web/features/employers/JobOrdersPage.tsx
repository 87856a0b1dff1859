import { Badge, Button, Group, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { JOB_ORDER_STATUSES } from '../../../shared/schemas/employers.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { dollars, type JobOrdersSearch, jobOrdersQuery } from './employers.api.ts';

const route = getRouteApi('/app/job-orders');
// Dark enough for white badge text to pass WCAG AA contrast at badge size.
export const BAND_COLOR = { high: '#1b5e20', moderate: '#7a4100', low: '#b71c1c' } as const;

export function JobOrdersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(jobOrdersQuery(search));
  const refine = (patch: Partial<JobOrdersSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const add = can('job_orders.manage') && <ButtonLink to="/job-orders/new">{t('employers.jobOrders.new')}</ButtonLink>;
  return (
    <>
      <PageHeader title={t('employers.jobOrders.title')} description={t('employers.jobOrders.description')} actions={add} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('employers.jobOrders.searchLabel')}>
        <SearchInput label={t('employers.jobOrders.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('employers.fields.status')}
          allLabel={t('employers.jobOrders.allStatuses')}
          value={search.status}
          options={JOB_ORDER_STATUSES.map((s) => ({ value: s, label: t(`employers.statuses.${s}`) }))}
          onChange={(status) => refine({ status })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={t('employers.jobOrders.emptyTitle')}
              action={
                add || (
                  <Button variant="default" onClick={() => refine({ q: undefined, status: undefined, initiativeId: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                )
              }
            >
              {t('employers.jobOrders.empty')}
            </EmptyState>
          ) : (
            <>
              <Table.ScrollContainer minWidth={720}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="job-orders-table">
                  <Table.Caption className="visually-hidden">{t('employers.jobOrders.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('employers.fields.title')}</Table.Th>
                      <Table.Th scope="col">{t('employers.fields.employer')}</Table.Th>
                      <Table.Th scope="col">{t('employers.fields.wage')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('employers.fields.openings')}
                      </Table.Th>
                      <Table.Th scope="col">{t('employers.fields.quality')}</Table.Th>
                      <Table.Th scope="col">{t('employers.fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('employers.fields.opensOn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((j) => (
                      <Table.Tr key={j.id}>
                        <Table.Td>
                          <AnchorLink to="/job-orders/$jobOrderId" params={{ jobOrderId: j.id }} fw={600}>
                            {j.title}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{j.employer.name}</Table.Td>
                        <Table.Td>
                          {dollars(j.wageMinCents)}–{dollars(j.wageMaxCents)}
                        </Table.Td>
                        <Table.Td ta="right">
                          {t('employers.jobOrder.filledOf', { hires: f.number(j.hires), openings: f.number(j.openings) })}
                        </Table.Td>
                        <Table.Td>
                          <Badge color={BAND_COLOR[j.quality.band]}>
                            {t('employers.quality.scoreBand', {
                              score: j.quality.score,
                              band: t(`employers.quality.bands.${j.quality.band}`),
                            })}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{t(`employers.statuses.${j.status}`)}</Table.Td>
                        <Table.Td>{f.date(j.opensOn)}</Table.Td>
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
