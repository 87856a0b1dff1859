import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { INITIATIVE_STATUSES } from '../../../shared/schemas/initiatives.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { type InitiativesSearch, initiativesQuery } from './initiatives.api.ts';
import { STATUS_COLORS } from './labels.ts';

const route = getRouteApi('/app/initiatives');

export function InitiativesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(initiativesQuery(search));
  const filtered = Boolean(search.q || search.status);
  const refine = (patch: Partial<InitiativesSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const newButton = can('initiatives.manage') ? <ButtonLink to="/initiatives/new">{t('partnership.initiatives.new')}</ButtonLink> : null;

  return (
    <>
      <PageHeader title={t('partnership.initiatives.title')} description={t('partnership.initiatives.description')} actions={newButton} />
      <Group align="flex-end" mb="md" role="search" aria-label={t('partnership.initiatives.searchLabel')}>
        <SearchInput label={t('partnership.initiatives.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('partnership.fields.status')}
          allLabel={t('partnership.initiatives.allStatuses')}
          value={search.status}
          options={INITIATIVE_STATUSES.map((s) => ({ value: s, label: t(`partnership.initiativeStatus.${s}`) }))}
          onChange={(status) => refine({ status })}
        />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('partnership.initiatives.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ q: undefined, status: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('partnership.initiatives.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('partnership.initiatives.emptyTitle')} action={newButton}>
                {t(can('initiatives.manage') ? 'partnership.initiatives.emptyManage' : 'partnership.initiatives.empty')}
              </EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={760}>
                <Table striped highlightOnHover aria-busy={list.isFetching} data-testid="initiatives-table">
                  <Table.Caption className="visually-hidden">{t('partnership.initiatives.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('partnership.fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.industry')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.region')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('partnership.fields.partners')}
                      </Table.Th>
                      <Table.Th scope="col">{t('partnership.fields.startsOn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((i) => (
                      <Table.Tr key={i.id}>
                        <Table.Td>
                          <AnchorLink to="/initiatives/$initiativeId" params={{ initiativeId: i.id }} fw={600}>
                            {i.name}
                          </AnchorLink>
                          <Text size="sm" c="dimmed">
                            {i.sector}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={STATUS_COLORS[i.status]}>
                            {t(`partnership.initiativeStatus.${i.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{i.naicsCodes.map((c) => c.code).join(', ')}</Table.Td>
                        <Table.Td>
                          {t('partnership.initiatives.regionSummary', { count: i.region.length, states: i.states.join(', ') })}
                          {i.crossesStateLines && (
                            <Badge ml="xs" size="sm" variant="outline">
                              {t('partnership.initiatives.crossesStateLines')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{f.number(i.partnerCount)}</Table.Td>
                        <Table.Td>{f.date(i.startsOn)}</Table.Td>
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
