import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_KINDS, type Decision } from '../../../shared/schemas/governance.ts';
import { api } from '../../api/client.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { bodiesQuery, type DecisionsSearch, decisionsExportHref, decisionsQuery } from './governance.api.ts';

const route = getRouteApi('/app/governance/decisions');

const KIND_COLORS: Record<Decision['kind'], string> = {
  motion: 'indigo',
  vote: 'gray',
  recusal: 'orange',
  award: 'green',
  declaration: 'grape',
};

export function DecisionLogPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(decisionsQuery(search));
  const bodies = useQuery(bodiesQuery({ page: 1 }));
  const [trail, setTrail] = useState<string | null>(null);
  const filtered = Boolean(search.q || search.kind || search.bodyId || search.initiativeId);
  const refine = (patch: Partial<DecisionsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });

  return (
    <>
      <PageHeader
        title={t('governance.decisions.title')}
        description={t('governance.decisions.description')}
        actions={
          <Button component="a" href={decisionsExportHref(search)} variant="default" download>
            {t('governance.decisions.export')}
          </Button>
        }
      />
      <Group align="flex-end" mb="md" role="search" aria-label={t('governance.decisions.searchLabel')}>
        <SearchInput
          label={t('governance.decisions.search')}
          description={t('governance.decisions.searchHint')}
          value={search.q ?? ''}
          onSearch={(q) => refine({ q: q || undefined })}
        />
        <FilterSelect
          label={t('governance.fields.decisionKind')}
          allLabel={t('governance.decisions.allKinds')}
          value={search.kind}
          options={DECISION_KINDS.map((k) => ({ value: k, label: t(`governance.decisionKinds.${k}`) }))}
          onChange={(kind) => refine({ kind })}
        />
        <FilterSelect
          label={t('governance.fields.body')}
          allLabel={t('governance.meetings.allBodies')}
          value={search.bodyId}
          options={(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          onChange={(bodyId) => refine({ bodyId })}
        />
        <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('governance.decisions.noMatchesTitle')}
                action={
                  <Button
                    variant="default"
                    onClick={() => refine({ q: undefined, kind: undefined, bodyId: undefined, initiativeId: undefined })}
                  >
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('governance.decisions.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('governance.decisions.emptyTitle')}>{t('governance.decisions.empty')}</EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={820}>
                <Table striped aria-busy={list.isFetching} data-testid="decisions-table">
                  <Table.Caption className="visually-hidden">{t('governance.decisions.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('governance.fields.when')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.decisionKind')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.decision')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.person')}</Table.Th>
                      <Table.Th scope="col">{t('governance.fields.outcome')}</Table.Th>
                      <Table.Th scope="col">
                        <span className="visually-hidden">{t('governance.decisions.trail')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((d) => (
                      <Fragment key={d.key}>
                        <Table.Tr>
                          <Table.Td>{f.dateTime(d.occurredAt)}</Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={KIND_COLORS[d.kind]} tt="none">
                              {t(`governance.decisionKinds.${d.kind}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            {d.motionId ? (
                              <AnchorLink to="/governance/motions/$motionId" params={{ motionId: d.motionId }} fw={600}>
                                {d.title}
                              </AnchorLink>
                            ) : (
                              <Text fw={600} size="sm">
                                {d.title}
                              </Text>
                            )}
                            <Text size="xs" c="dimmed">
                              {[d.body?.name, d.organizations.join(', ')].filter(Boolean).join(' · ')}
                            </Text>
                          </Table.Td>
                          <Table.Td>{d.person ?? ''}</Table.Td>
                          <Table.Td>{detailText(t, d)}</Table.Td>
                          <Table.Td>
                            <Button
                              variant="subtle"
                              size="xs"
                              aria-expanded={trail === d.key}
                              aria-controls={`trail-${d.key}`}
                              onClick={() => setTrail(trail === d.key ? null : d.key)}
                            >
                              {t('governance.decisions.trail')}
                            </Button>
                          </Table.Td>
                        </Table.Tr>
                        {trail === d.key && (
                          <Table.Tr id={`trail-${d.key}`}>
                            <Table.Td colSpan={6}>
                              <Trail decision={d} />
                            </Table.Td>
                          </Table.Tr>
                        )}
                      </Fragment>
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

function detailText(t: (key: string, options?: Record<string, unknown>) => string, d: Decision): string {
  if (d.kind === 'vote' || d.kind === 'recusal') return t(`governance.votes.${d.detail}`, { defaultValue: d.detail });
  if (d.kind === 'motion') {
    const [outcome, reason] = d.detail.replace(')', '').split(' (');
    const text = t(`governance.outcome.${outcome}`, { defaultValue: outcome });
    return reason ? `${text} (${t(`governance.tally.reasons.${reason}`, { defaultValue: reason })})` : text;
  }
  return d.detail;
}

interface TrailEvent {
  seq: number;
  occurredAt: string;
  actor: string;
  action: string;
}

function Trail({ decision: d }: { decision: Decision }) {
  const { t } = useTranslation();
  const f = useFormat();
  const events = useQuery({
    queryKey: ['governance', 'trail', d.trail.entityType, d.trail.entityId],
    queryFn: () => api.get<{ items: TrailEvent[] }>('/governance/decisions/trail', { ...d.trail }),
  });
  return (
    <QueryState query={events}>
      {(data) => (
        <Stack component="ol" gap={2} m={0} pl="md" aria-label={t('governance.decisions.trailOf', { title: d.title })}>
          {data.items.map((e) => (
            <Text component="li" size="sm" key={e.seq}>
              {t(`governance.auditActions.${e.action}`, { defaultValue: e.action })} — {e.actor} · {f.dateTime(e.occurredAt)}
            </Text>
          ))}
          {data.items.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
        </Stack>
      )}
    </QueryState>
  );
}
