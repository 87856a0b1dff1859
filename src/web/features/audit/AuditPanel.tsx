import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../shared/schemas/audit.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import { api } from '../../api/client.ts';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { QueryState } from '../../ui/QueryState.tsx';

const PAGE_SIZE = 10;

/** The record's history from the audit trail: who did what, when, newest first. */
export function AuditPanel({ entityType, entityId }: { entityType: 'user' | 'organization'; entityId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const events = useQuery({
    queryKey: ['audit', entityType, entityId, page],
    queryFn: () => api.get<Page<AuditEvent>>('/audit', { entityType, entityId, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="history-heading" data-testid="audit-panel">
      <Title order={2} size="h4" id="history-heading" mb={4}>
        {t('audit.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('audit.description')}
      </Text>
      <QueryState query={events}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('audit.empty')}</Text>
          ) : (
            <>
              <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-busy={events.isFetching}>
                {data.items.map((e) => (
                  <EventItem key={e.seq} event={e} />
                ))}
              </Stack>
              {data.total > data.pageSize && (
                <ListPagination page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
              )}
            </>
          )
        }
      </QueryState>
    </Paper>
  );
}

function EventItem({ event: e }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const changes = (e.details.changes ?? null) as Record<string, { from: unknown; to: unknown }> | null;
  const role = typeof e.details.role === 'string' ? e.details.role : null;
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? t('common.notSet') : String(v));
  return (
    <li style={{ borderLeft: '3px solid var(--mantine-color-indigo-2)', paddingLeft: 12 }}>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">
          {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
        </Text>
        {e.personalData && (
          <Badge size="xs" variant="light" color="grape">
            {t('audit.personalData')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('audit.byAt', { actor: e.actor, at: f.dateTime(e.occurredAt) })}
      </Text>
      {role && <Text size="sm">{t('audit.role', { role: t(`roles.${role}`, { defaultValue: role }) })}</Text>}
      {changes && (
        <Stack component="ul" gap={2} mt={4} pl="md" m={0}>
          {Object.entries(changes).map(([field, c]) => (
            <Text component="li" size="sm" key={field}>
              {t('audit.change', { field: t(`audit.columns.${field}`, { defaultValue: field }), from: show(c.from), to: show(c.to) })}
            </Text>
          ))}
        </Stack>
      )}
    </li>
  );
}
