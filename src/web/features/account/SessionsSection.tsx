import { Badge, Group, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/schemas/account.ts';
import { api } from '../../api/client.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { useFormat } from '../../ui/format.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { endSession } from '../auth/session.ts';
import { describeDevice } from './device.ts';
import { Section } from './Section.tsx';

const sessionsKey = ['account', 'sessions'];

export function SessionsSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => api.get<{ items: SessionInfo[] }>('/account/sessions') });

  const device = (s: SessionInfo) => {
    const d = describeDevice(s.userAgent);
    if (d.browser && d.system) return t('account.sessions.deviceOn', { browser: d.browser, system: d.system });
    // Unrecognized clients (scripts, say) are shown as they name themselves.
    return d.browser ?? d.system ?? s.userAgent?.slice(0, 60) ?? t('account.sessions.unknownDevice');
  };

  return (
    <Section id="sessions-heading" title={t('account.sessions.title')} description={t('account.sessions.description')}>
      <QueryState query={sessions}>
        {({ items }) => (
          <>
            <Table.ScrollContainer minWidth={640}>
              <Table data-testid="sessions-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('account.sessions.device')}</Table.Th>
                    <Table.Th scope="col">{t('account.sessions.ip')}</Table.Th>
                    <Table.Th scope="col">{t('account.sessions.started')}</Table.Th>
                    <Table.Th scope="col">{t('account.sessions.lastSeen')}</Table.Th>
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Group gap="xs">
                          <Text size="sm">{device(s)}</Text>
                          {s.current && (
                            <Badge variant="light" color="green" tt="none">
                              {t('account.sessions.current')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.ip ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{f.dateTime(s.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{f.dateTime(s.lastSeenAt)}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        {!s.current && (
                          <ConfirmButton
                            size="xs"
                            variant="subtle"
                            color="red"
                            title={t('account.sessions.endTitle')}
                            message={t('account.sessions.endMessage', { device: device(s) })}
                            confirmLabel={t('account.sessions.end')}
                            onConfirm={async () => {
                              await api.delete(`/account/sessions/${s.id}`);
                              await queryClient.invalidateQueries({ queryKey: sessionsKey });
                            }}
                          >
                            {t('account.sessions.end')}
                            <span className="visually-hidden"> {device(s)}</span>
                          </ConfirmButton>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group mt="md">
              <ConfirmButton
                color="red"
                variant="outline"
                title={t('account.sessions.everywhereTitle')}
                message={t('account.sessions.everywhereMessage')}
                confirmLabel={t('account.sessions.everywhere')}
                onConfirm={async () => {
                  await api.post('/account/sessions/revoke-all');
                  endSession(queryClient);
                  await navigate({ to: '/sign-in', search: { signedOut: true } });
                }}
              >
                {t('account.sessions.everywhere')}
              </ConfirmButton>
            </Group>
          </>
        )}
      </QueryState>
    </Section>
  );
}
