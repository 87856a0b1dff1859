import { Badge, Button, Group, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SURVEY_STATUSES } from '../../../shared/schemas/surveys.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { type SurveysSearch, surveysQuery } from './surveys.api.ts';

const route = getRouteApi('/app/surveys');
export const STATUS_COLORS = { draft: 'gray', sent: 'blue', closed: 'dark' } as const;

export function SurveysPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(surveysQuery(search));
  const refine = (patch: Partial<SurveysSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const filtered = Boolean(search.q || search.status);
  return (
    <>
      <PageHeader
        title={t('surveys.list.title')}
        description={t('surveys.list.description')}
        actions={
          can('surveys.manage') && (
            <ButtonLink to="/surveys/new" data-testid="new-survey">
              {t('surveys.list.new')}
            </ButtonLink>
          )
        }
      />
      <Group align="flex-end" mb="md" role="search" aria-label={t('surveys.list.searchLabel')}>
        <SearchInput label={t('surveys.list.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
        <FilterSelect
          label={t('surveys.fields.status')}
          allLabel={t('surveys.list.allStatuses')}
          value={search.status}
          options={SURVEY_STATUSES.map((s) => ({ value: s, label: t(`surveys.statuses.${s}`) }))}
          onChange={(status) => refine({ status })}
        />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              title={filtered ? t('surveys.list.noMatchTitle') : t('surveys.list.emptyTitle')}
              action={
                filtered ? (
                  <Button variant="default" onClick={() => refine({ q: undefined, status: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                ) : (
                  can('surveys.manage') && <ButtonLink to="/surveys/new">{t('surveys.list.new')}</ButtonLink>
                )
              }
            >
              {filtered ? t('surveys.list.noMatch') : t('surveys.list.empty')}
            </EmptyState>
          ) : (
            <>
              <Table.ScrollContainer minWidth={640}>
                <Table striped highlightOnHover aria-busy={list.isFetching}>
                  <Table.Caption className="visually-hidden">{t('surveys.list.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('surveys.fields.title')}</Table.Th>
                      <Table.Th scope="col">{t('surveys.fields.status')}</Table.Th>
                      <Table.Th scope="col">{t('surveys.fields.sentAt')}</Table.Th>
                      <Table.Th scope="col">{t('surveys.fields.closesOn')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('surveys.fields.responses')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>
                          <AnchorLink to="/surveys/$surveyId" params={{ surveyId: s.id }}>
                            {s.title}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>
                          <Badge color={STATUS_COLORS[s.status]} variant="light">
                            {t(`surveys.statuses.${s.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{f.date(s.sentAt)}</Table.Td>
                        <Table.Td>{f.date(s.closesOn)}</Table.Td>
                        <Table.Td ta="right">
                          {t('surveys.list.responseCount', { responded: f.number(s.responded), recipients: f.number(s.recipients) })}
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
