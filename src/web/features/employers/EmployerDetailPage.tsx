import { Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Detail } from '../../ui/Detail.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useFormat } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import { CommitmentsSection, ContactList, InteractionForm, ProfileForm, Reveal, ServicesSection } from './EmployerForms.tsx';
import { LocationsSection } from './EmployerLocations.tsx';
import { contactsQuery, dollars, employerQuery, interactionsQuery, jobOrdersQuery, markFollowUp } from './employers.api.ts';
import { BAND_COLOR } from './JobOrdersPage.tsx';

const route = getRouteApi('/app/employers/$employerId');

export function EmployerDetailPage() {
  const { employerId } = route.useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const employer = useQuery(employerQuery(employerId));
  const contacts = useQuery(contactsQuery(employerId));
  const interactions = useQuery(interactionsQuery(employerId));
  const jobs = useQuery(jobOrdersQuery({ employerId, page: undefined, q: undefined, status: undefined }));
  const manage = can('employers.manage');
  const [editing, setEditing] = useState(false);
  const qc = useQueryClient();
  const done = useMutation({
    mutationFn: (interactionId: string) => markFollowUp(employerId, interactionId, true),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['employers'] }),
  });
  return (
    <QueryState query={employer}>
      {(e) => (
        <>
          <PageHeader
            title={e.name}
            description={e.naicsTitle ?? undefined}
            actions={can('job_orders.manage') && <ButtonLink to="/job-orders/new">{t('employers.jobOrders.new')}</ButtonLink>}
          />
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack>
                <Paper withBorder p="lg" component="section" aria-labelledby="employer-profile">
                  <Group justify="space-between" mb="md">
                    <Title order={2} size="h4" id="employer-profile">
                      {t('employers.detail.profile')}
                    </Title>
                    {manage && !editing && (
                      <Button size="xs" variant="light" onClick={() => setEditing(true)}>
                        {t('employers.forms.editProfile')}
                      </Button>
                    )}
                  </Group>
                  {editing ? (
                    <ProfileForm employer={e} onDone={() => setEditing(false)} />
                  ) : (
                    <dl className="details">
                      <Detail label={t('employers.fields.industry')}>{e.naics && `${e.naics} — ${e.naicsTitle ?? ''}`}</Detail>
                      <Detail label={t('employers.fields.size')}>{e.sizeBand}</Detail>
                      <Detail label={t('employers.fields.partnershipRole')}>{t(`employers.roles.${e.partnershipRole}`)}</Detail>
                      <Detail label={t('employers.fields.owner')}>{e.accountOwner?.name}</Detail>
                      <Detail label={t('employers.fields.fein')}>{e.fein}</Detail>
                      <Detail label={t('employers.fields.uiAccount')}>{e.uiAccount}</Detail>
                    </dl>
                  )}
                </Paper>
                <LocationsSection employerId={employerId} locations={e.locations} canManage={manage} />
                <Paper withBorder p="lg" component="section" aria-labelledby="employer-contacts">
                  <Title order={2} size="h4" id="employer-contacts" mb="md">
                    {t('employers.detail.contacts')}
                  </Title>
                  <QueryState query={contacts}>
                    {(list) => <ContactList employerId={employerId} contacts={list} canManage={manage} />}
                  </QueryState>
                </Paper>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack>
                <Paper withBorder p="lg" component="section" aria-labelledby="employer-jobs">
                  <Title order={2} size="h4" id="employer-jobs" mb="md">
                    {t('employers.jobOrders.title')}
                  </Title>
                  <QueryState query={jobs}>
                    {(page) =>
                      page.items.length === 0 ? (
                        <EmptyState title={t('employers.jobOrders.emptyTitle')}>{t('employers.jobOrders.empty')}</EmptyState>
                      ) : (
                        <Table>
                          <Table.Caption className="visually-hidden">{t('employers.jobOrders.title')}</Table.Caption>
                          <Table.Thead>
                            <Table.Tr>
                              <Table.Th scope="col">{t('employers.fields.title')}</Table.Th>
                              <Table.Th scope="col">{t('employers.fields.wage')}</Table.Th>
                              <Table.Th scope="col">{t('employers.fields.quality')}</Table.Th>
                              <Table.Th scope="col">{t('employers.fields.status')}</Table.Th>
                            </Table.Tr>
                          </Table.Thead>
                          <Table.Tbody>
                            {page.items.map((j) => (
                              <Table.Tr key={j.id}>
                                <Table.Td>
                                  <AnchorLink to="/job-orders/$jobOrderId" params={{ jobOrderId: j.id }}>
                                    {j.title}
                                  </AnchorLink>
                                </Table.Td>
                                <Table.Td>{`${dollars(j.wageMinCents)}–${dollars(j.wageMaxCents)}`}</Table.Td>
                                <Table.Td>
                                  <Badge color={BAND_COLOR[j.quality.band]}>{j.quality.score}</Badge>
                                </Table.Td>
                                <Table.Td>{t(`employers.statuses.${j.status}`)}</Table.Td>
                              </Table.Tr>
                            ))}
                          </Table.Tbody>
                        </Table>
                      )
                    }
                  </QueryState>
                </Paper>
                <Paper withBorder p="lg" component="section" aria-labelledby="employer-interactions">
                  <Title order={2} size="h4" id="employer-interactions" mb="md">
                    {t('employers.detail.interactions')}
                  </Title>
                  <Stack>
                    {manage && (
                      <Reveal label={t('employers.forms.logInteraction')}>
                        {(close) => <InteractionForm employerId={employerId} contacts={contacts.data ?? []} onDone={close} />}
                      </Reveal>
                    )}
                    <QueryState query={interactions}>
                      {(list) =>
                        list.length === 0 ? (
                          <EmptyState title={t('employers.detail.noInteractions')}>
                            {manage ? t('employers.forms.noInteractionsHint') : t('employers.forms.nothingYet')}
                          </EmptyState>
                        ) : (
                          <Stack gap="xs">
                            {list.slice(0, 20).map((i) => (
                              <div key={i.id}>
                                <Text size="sm" fw={600}>
                                  {`${f.date(i.occurredOn)} · ${t(`employers.interactionKinds.${i.kind}`)}${i.contact ? ` · ${i.contact.name}` : ''}`}
                                </Text>
                                <Text size="sm">{i.summary}</Text>
                                {i.followUpOn && !i.followUpDoneAt && (
                                  <Group gap="xs">
                                    <Text size="sm" c="red.9">
                                      {t('employers.detail.followUp', { date: f.date(i.followUpOn) })}
                                      {i.followUpNote && ` · ${i.followUpNote}`}
                                    </Text>
                                    {manage && (
                                      <Button
                                        size="compact-xs"
                                        variant="subtle"
                                        loading={done.isPending && done.variables === i.id}
                                        onClick={() => done.mutate(i.id)}
                                        aria-label={t('employers.forms.markDoneOf', { date: f.date(i.followUpOn) })}
                                      >
                                        {t('employers.forms.markDone')}
                                      </Button>
                                    )}
                                  </Group>
                                )}
                                {i.followUpDoneAt && (
                                  <Text size="sm" c="dimmed">
                                    {t('employers.forms.followUpDone')}
                                  </Text>
                                )}
                              </div>
                            ))}
                          </Stack>
                        )
                      }
                    </QueryState>
                  </Stack>
                </Paper>
                <CommitmentsSection employerId={employerId} canManage={manage} />
                <ServicesSection employerId={employerId} canManage={manage} />
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      )}
    </QueryState>
  );
}
