import { Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryService } from '../../../shared/schemas/directory.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { useMe } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { type DirectorySearch, servicesQuery, settingsQuery, termsQuery } from './directory.api.ts';

export function VerifiedBadge({ service: s }: { service: Pick<DirectoryService, 'stale' | 'verifiedAt'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return s.stale ? (
    <Badge color="orange" variant="light" component="span">
      {s.verifiedAt ? t('directory.staleSince', { date: f.date(s.verifiedAt) }) : t('directory.neverVerified')}
    </Badge>
  ) : (
    <Text span size="xs" c="dimmed">
      {t('directory.verifiedOn', { date: f.date(s.verifiedAt) })}
    </Text>
  );
}

export function CapacityText({ service: s }: { service: Pick<DirectoryService, 'openSlots' | 'waitlist'> }) {
  const { t } = useTranslation();
  if (s.openSlots === null && s.waitlist === null) return <Text span>{t('directory.capacityUnknown')}</Text>;
  return (
    <Text span fw={600}>
      {t('directory.capacity', { slots: s.openSlots ?? 0, waitlist: s.waitlist ?? 0 })}
    </Text>
  );
}

/** The directory search: filters, results, pagination. Used by the directory page and the referral flow. */
export function ServiceList({
  search,
  refine,
  onPage,
  action,
  pageSize,
}: {
  search: DirectorySearch;
  refine: (patch: Partial<DirectorySearch>) => void;
  onPage: (page: number) => void;
  /** What each result offers (a link to the service, or "choose" in the referral flow). */
  action: (s: DirectoryService) => ReactNode;
  pageSize?: number;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const list = useQuery(servicesQuery(search, pageSize));
  const settings = useQuery(settingsQuery);
  const terms = useQuery(termsQuery(me.tenant.slug, settings.data?.hsdsPublic === true));
  const filtered = Boolean(
    search.q ||
      search.termId ||
      search.county ||
      search.postcode ||
      search.language ||
      search.cost ||
      search.openNow ||
      search.capacity ||
      search.stale ||
      search.org,
  );
  return (
    <>
      <Stack gap="xs" mb="md" role="search" aria-label={t('directory.searchLabel')}>
        <Group align="flex-end" wrap="wrap">
          <SearchInput label={t('directory.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
          {terms.data && (
            <NativeSelect
              label={t('directory.term')}
              value={search.termId ?? ''}
              onChange={(e) => refine({ termId: e.currentTarget.value || undefined })}
              miw={180}
            >
              <option value="">{t('directory.allTerms')}</option>
              {terms.data.contents.map((term) => (
                <option key={term.id} value={term.id}>
                  {term.name}
                </option>
              ))}
            </NativeSelect>
          )}
          <TextInput
            label={t('directory.county')}
            description={t('directory.countyHint')}
            defaultValue={search.county ?? ''}
            key={`county-${search.county ?? ''}`}
            maxLength={5}
            w={130}
            onBlur={(e) => {
              const v = e.currentTarget.value.trim();
              refine({ county: /^\d{5}$/.test(v) ? v : undefined });
            }}
          />
          <TextInput
            label={t('directory.postcode')}
            defaultValue={search.postcode ?? ''}
            key={`postcode-${search.postcode ?? ''}`}
            maxLength={20}
            w={130}
            onBlur={(e) => refine({ postcode: e.currentTarget.value.trim() || undefined })}
          />
          <TextInput
            label={t('directory.language')}
            defaultValue={search.language ?? ''}
            key={`language-${search.language ?? ''}`}
            maxLength={40}
            w={150}
            onBlur={(e) => refine({ language: e.currentTarget.value.trim() || undefined })}
          />
          <FilterSelect
            label={t('directory.cost')}
            allLabel={t('directory.anyCost')}
            value={search.cost}
            options={[
              { value: 'free', label: t('directory.free') },
              { value: 'paid', label: t('directory.paid') },
            ]}
            onChange={(cost) => refine({ cost })}
          />
          <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
        </Group>
        <Group>
          <Checkbox
            label={t('directory.openNow')}
            checked={search.openNow ?? false}
            onChange={(e) => refine({ openNow: e.currentTarget.checked || undefined })}
          />
          <Checkbox
            label={t('directory.capacityAvailable')}
            checked={search.capacity ?? false}
            onChange={(e) => refine({ capacity: e.currentTarget.checked || undefined })}
          />
          <Checkbox
            label={t('directory.needsReverification')}
            checked={search.stale ?? false}
            onChange={(e) => refine({ stale: e.currentTarget.checked || undefined })}
          />
          {search.org && (
            <Checkbox label={t('directory.ownerFilter')} checked onChange={() => refine({ org: undefined })} data-testid="owner-filter" />
          )}
        </Group>
      </Stack>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('directory.noMatchesTitle')}
                action={
                  <Button
                    variant="default"
                    onClick={() =>
                      refine({
                        q: undefined,
                        termId: undefined,
                        county: undefined,
                        postcode: undefined,
                        language: undefined,
                        cost: undefined,
                        openNow: undefined,
                        capacity: undefined,
                        stale: undefined,
                        org: undefined,
                      })
                    }
                  >
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('directory.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('directory.emptyTitle')}>{t('directory.empty')}</EmptyState>
            )
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
                {t('directory.found', { count: data.total })}
              </Text>
              <Stack
                gap="sm"
                component="ul"
                p={0}
                style={{ listStyle: 'none' }}
                aria-busy={list.isFetching}
                data-testid="directory-results"
              >
                {data.items.map((s) => (
                  <Paper component="li" withBorder p="md" key={s.id}>
                    <Group justify="space-between" align="flex-start" wrap="nowrap">
                      <Stack gap={4} miw={0}>
                        {action(s)}
                        <Text size="sm">{s.organization.name}</Text>
                        {s.description && (
                          <Text size="sm" c="dimmed" lineClamp={2}>
                            {s.description}
                          </Text>
                        )}
                        <Group gap="xs">
                          <Badge variant="light" color={s.free ? 'teal' : 'gray'} component="span">
                            {s.free ? t('directory.free') : t('directory.paid')}
                          </Badge>
                          {s.languages.length > 0 && (
                            <Text span size="xs">
                              {t('directory.languagesList', { list: s.languages.join(', ') })}
                            </Text>
                          )}
                          <VerifiedBadge service={s} />
                        </Group>
                      </Stack>
                      <Stack gap={0} align="flex-end" miw={140}>
                        <Text size="xs" c="dimmed">
                          {t('directory.capacityLabel')}
                        </Text>
                        <CapacityText service={s} />
                      </Stack>
                    </Group>
                  </Paper>
                ))}
              </Stack>
              <ListPagination page={data.page} pageSize={data.pageSize} total={data.total} onChange={onPage} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
