import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMMITMENT_KINDS,
  COMMITMENT_STATUSES,
  commitmentBody,
  DOCUMENT_KINDS,
  type Initiative,
  PARTNER_ROLES,
  type Partner,
  partnerBody,
} from '../../../shared/schemas/initiatives.ts';
import { Detail } from '../../ui/Detail.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { RemoveButton } from '../../ui/RemoveButton.tsx';
import { usePermissions } from '../auth/session.ts';
import { searchOrganizations } from '../organizations/organizations.api.ts';
import { DocumentFileInput, UploadStatus, useDocumentUpload } from './DocumentUpload.tsx';
import {
  addCommitment,
  addPartner,
  changeCommitmentStatus,
  coverageQuery,
  documentHref,
  documentsQuery,
  initiativeQuery,
  partnersQuery,
  removeDocument,
  removePartner,
  uploadDocument,
} from './initiatives.api.ts';
import { money, STATUS_COLORS } from './labels.ts';

const route = getRouteApi('/app/initiatives/$initiativeId');

export function InitiativeDetailPage() {
  const { initiativeId } = route.useParams();
  const initiative = useQuery(initiativeQuery(initiativeId));
  return <QueryState query={initiative}>{(i) => <InitiativeView initiative={i} />}</QueryState>;
}

function InitiativeView({ initiative: i }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const manage = can('initiatives.manage');
  return (
    <>
      <PageHeader
        title={i.name}
        description={
          <Group gap="xs" component="span">
            <Badge variant="light" color={STATUS_COLORS[i.status]} component="span">
              {t(`partnership.initiativeStatus.${i.status}`)}
            </Badge>
            <Text span>{i.sector}</Text>
          </Group>
        }
        actions={
          manage ? (
            <ButtonLink to="/initiatives/$initiativeId/edit" params={{ initiativeId: i.id }} variant="default">
              {t('partnership.initiatives.edit')}
            </ButtonLink>
          ) : null
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section id="initiative-about" title={t('partnership.initiatives.about')}>
            <dl className="details">
              <Detail label={t('partnership.fields.naics')}>
                {i.naicsCodes.length > 0 && (
                  <List size="sm" listStyleType="none" spacing={2}>
                    {i.naicsCodes.map((c) => (
                      <List.Item key={c.code}>
                        {c.code} — {c.title ?? ''}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Detail>
              <Detail label={t('partnership.fields.startsOn')}>{f.date(i.startsOn)}</Detail>
              <Detail label={t('partnership.fields.endsOn')}>{i.endsOn && f.date(i.endsOn)}</Detail>
              <Detail label={t('partnership.fields.description')}>
                {i.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{i.description}</Text>}
              </Detail>
            </dl>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section id="initiative-region" title={t('partnership.fields.region')}>
            <Text size="sm" mb="xs">
              {i.crossesStateLines
                ? t('partnership.initiatives.crossesStates', { states: i.states.join(', ') })
                : t('partnership.initiatives.inStates', { states: i.states.join(', ') })}
            </Text>
            <List size="sm" data-testid="initiative-region">
              {i.region.map((j) => (
                <List.Item key={j.id}>
                  <Text span c="dimmed">
                    {t(`partnership.jurisdictionKinds.${j.kind}`)}:
                  </Text>{' '}
                  {j.name}
                  {j.kind === 'county' ? ` (${j.code})` : ''}
                  {j.kind === 'workforce_area' && j.countyFips.length > 0
                    ? ` — ${t('partnership.initiatives.countiesCount', { count: j.countyFips.length })}`
                    : ''}
                </List.Item>
              ))}
            </List>
            <RegionCounties initiativeId={i.id} />
          </Section>
        </Grid.Col>
        <Grid.Col span={12}>
          <Section id="initiative-goals" title={t('partnership.fields.goals')}>
            {i.goals.length === 0 ? (
              <Text c="dimmed">{t('partnership.initiatives.noGoals')}</Text>
            ) : (
              <List type="ordered">
                {i.goals.map((g) => (
                  <List.Item key={g}>{g}</List.Item>
                ))}
              </List>
            )}
          </Section>
        </Grid.Col>
        <Grid.Col span={12}>
          <PartnersSection initiative={i} manage={manage} />
        </Grid.Col>
        <Grid.Col span={12}>
          <DocumentsSection initiative={i} manage={manage} />
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The union of counties the region covers, so nobody has to open each workforce area to know. */
function RegionCounties({ initiativeId }: { initiativeId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const coverage = useQuery(coverageQuery(initiativeId));
  return (
    <section aria-labelledby="initiative-counties">
      <Title order={3} size="h5" mt="lg" mb="xs" id="initiative-counties">
        {t('partnership.initiatives.countiesCovered', {
          count: coverage.data?.totalCounties ?? 0,
          total: f.number(coverage.data?.totalCounties ?? 0),
        })}
      </Title>
      <QueryState query={coverage}>
        {(c) => (
          <List size="sm" spacing={2} data-testid="initiative-counties">
            {c.wholeStates.map((s) => (
              <List.Item key={s.code}>
                {t('partnership.initiatives.allCountiesOf', { count: s.countyCount, total: f.number(s.countyCount), state: s.name })}
              </List.Item>
            ))}
            {c.counties.map((county) => (
              <List.Item key={county.fips}>
                {county.name} ({county.fips})
                <Text span size="sm" c="dimmed">
                  {' — '}
                  {county.via
                    .map((v) =>
                      v.kind === 'county'
                        ? t('partnership.initiatives.namedDirectly')
                        : t('partnership.initiatives.through', { name: v.name }),
                    )
                    .join('; ')}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </QueryState>
    </section>
  );
}

function Section({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id} h="100%">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function PartnersSection({ initiative: i, manage }: { initiative: Initiative; manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const partners = useQuery(partnersQuery(i.id));
  const [adding, setAdding] = useState(false);
  const [committingTo, setCommittingTo] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['initiatives'] });
  return (
    <Section
      id="initiative-partners"
      title={t('partnership.initiatives.partners')}
      actions={
        manage && !adding ? (
          <Button variant="light" onClick={() => setAdding(true)}>
            {t('partnership.partners.add')}
          </Button>
        ) : null
      }
    >
      {adding && <PartnerForm initiativeId={i.id} onDone={() => setAdding(false)} />}
      <QueryState query={partners}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('partnership.partners.emptyTitle')}>
              {t(manage ? 'partnership.partners.emptyManage' : 'partnership.partners.empty')}
            </EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table data-testid="partners-table" verticalSpacing="sm">
                <Table.Caption className="visually-hidden">{t('partnership.initiatives.partners')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('partnership.fields.organization')}</Table.Th>
                    <Table.Th scope="col">{t('partnership.fields.role')}</Table.Th>
                    <Table.Th scope="col">{t('partnership.fields.agreement')}</Table.Th>
                    <Table.Th scope="col">{t('partnership.fields.commitments')}</Table.Th>
                    {manage && <Table.Th scope="col">{t('partnership.common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((p) => (
                    <Table.Tr key={p.id} style={{ verticalAlign: 'top' }}>
                      <Table.Th scope="row" fw={600}>
                        {p.organization.name}
                      </Table.Th>
                      <Table.Td>{t(`partnership.partnerRoles.${p.role}`)}</Table.Td>
                      <Table.Td>
                        {p.agreementSignedOn ? (
                          <Text size="sm">{t('partnership.partners.signedOn', { date: f.date(p.agreementSignedOn) })}</Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('partnership.partners.notSigned')}
                          </Text>
                        )}
                        {(p.agreementStartsOn || p.agreementEndsOn) && (
                          <Text size="sm">
                            {t('partnership.partners.period', { from: f.date(p.agreementStartsOn), to: f.date(p.agreementEndsOn) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Commitments initiativeId={i.id} partner={p} manage={manage} />
                        {committingTo === p.id && <CommitmentForm initiativeId={i.id} partner={p} onDone={() => setCommittingTo(null)} />}
                      </Table.Td>
                      {manage && (
                        <Table.Td>
                          <Stack gap={4} align="flex-start">
                            {committingTo !== p.id && (
                              <Button size="xs" variant="subtle" onClick={() => setCommittingTo(p.id)}>
                                {t('partnership.commitments.add')}
                                <span className="visually-hidden">: {p.organization.name}</span>
                              </Button>
                            )}
                            <RemoveButton
                              label={t('partnership.partners.remove')}
                              accessibleName={`${t('partnership.partners.remove')}: ${p.organization.name}`}
                              title={t('partnership.partners.removeTitle', { name: p.organization.name })}
                              message={t('partnership.partners.removeMessage')}
                              onConfirm={async () => {
                                await removePartner(i.id, p.id);
                                await refresh();
                              }}
                            />
                          </Stack>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Section>
  );
}

function Commitments({ initiativeId, partner: p, manage }: { initiativeId: string; partner: Partner; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ id, status }: { id: string; status: Partner['commitments'][number]['status'] }) =>
      changeCommitmentStatus(initiativeId, id, status),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['initiatives', 'one', initiativeId, 'partners'] }),
  });
  if (p.commitments.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('partnership.commitments.none')}
      </Text>
    );
  return (
    <Stack gap={6}>
      {change.isError && <ErrorAlert error={change.error} />}
      {p.commitments.map((c) => (
        <div key={c.id}>
          <Text size="sm">
            <Text span fw={600}>
              {t(`partnership.commitmentKinds.${c.kind}`)}
            </Text>
            : {c.description}
            {c.quantity !== null && ` · ${f.number(c.quantity)}`}
            {c.amountCents !== null && ` · ${money(i18n.language, c.amountCents)}`}
            {c.dueOn && ` · ${t('partnership.commitments.due', { date: f.date(c.dueOn) })}`}
          </Text>
          {manage ? (
            <NativeSelect
              size="xs"
              maw={180}
              aria-label={t('partnership.commitments.statusOf', { name: c.description })}
              value={c.status}
              onChange={(e) => change.mutate({ id: c.id, status: e.currentTarget.value as typeof c.status })}
              data={COMMITMENT_STATUSES.map((s) => ({ value: s, label: t(`partnership.commitmentStatus.${s}`) }))}
            />
          ) : (
            <Badge size="sm" variant="light">
              {t(`partnership.commitmentStatus.${c.status}`)}
            </Badge>
          )}
        </div>
      ))}
    </Stack>
  );
}

interface PartnerValues {
  role: string;
  agreementSignedOn: string;
  agreementStartsOn: string;
  agreementEndsOn: string;
  notes: string;
}

function PartnerForm({ initiativeId, onDone }: { initiativeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [organization, setOrganization] = useState<Option | null>(null);
  const toBody = (v: PartnerValues) => ({
    organizationId: organization?.value ?? '',
    role: v.role,
    agreementSignedOn: v.agreementSignedOn || null,
    agreementStartsOn: v.agreementStartsOn || null,
    agreementEndsOn: v.agreementEndsOn || null,
    notes: v.notes,
  });
  const form = useForm<PartnerValues & { organizationId: string }>({
    initialValues: { organizationId: '', role: '', agreementSignedOn: '', agreementStartsOn: '', agreementEndsOn: '', notes: '' },
    validate: (values) => zodErrors(partnerBody, toBody(values)),
  });
  const save = useMutation({
    mutationFn: (v: PartnerValues) => addPartner(initiativeId, partnerBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['initiatives'] });
      onDone();
    },
  });
  return (
    <Paper withBorder p="md" mb="md" bg="gray.0">
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('partnership.partners.add')}>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Group grow align="flex-start">
            <RemoteSelect
              label={t('partnership.fields.organization')}
              required
              value={organization?.value ?? null}
              selected={organization}
              queryKey={['organizations', 'pick']}
              search={searchOrganizations}
              onChange={(o) => {
                setOrganization(o);
                form.setFieldValue('organizationId', o?.value ?? '');
              }}
              error={form.errors.organizationId}
            />
            <NativeSelect
              label={t('partnership.fields.role')}
              required
              data={[
                { value: '', label: t('partnership.common.choose') },
                ...PARTNER_ROLES.map((r) => ({ value: r, label: t(`partnership.partnerRoles.${r}`) })),
              ]}
              {...form.getInputProps('role')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('partnership.fields.agreementSignedOn')} type="date" {...form.getInputProps('agreementSignedOn')} />
            <TextInput label={t('partnership.fields.agreementStartsOn')} type="date" {...form.getInputProps('agreementStartsOn')} />
            <TextInput label={t('partnership.fields.agreementEndsOn')} type="date" {...form.getInputProps('agreementEndsOn')} />
          </Group>
          <Textarea label={t('partnership.fields.notes')} autosize minRows={1} maxLength={2000} {...form.getInputProps('notes')} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('partnership.partners.save')}
            </Button>
            <Button variant="default" onClick={onDone} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

interface CommitmentValues {
  kind: string;
  description: string;
  quantity: string;
  amount: string;
  dueOn: string;
  status: string;
}

function CommitmentForm({ initiativeId, partner, onDone }: { initiativeId: string; partner: Partner; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toBody = (v: CommitmentValues) => ({
    kind: v.kind,
    description: v.description,
    quantity: v.quantity === '' ? null : Number(v.quantity),
    // Typed in dollars, kept in cents.
    amountCents: v.amount === '' ? null : Math.round(Number(v.amount) * 100),
    dueOn: v.dueOn || null,
    status: v.status,
  });
  const form = useForm<CommitmentValues & { amountCents?: string }>({
    initialValues: { kind: 'hires', description: '', quantity: '', amount: '', dueOn: '', status: 'committed' },
    validate: (values) => {
      const errors = zodErrors(commitmentBody, toBody(values));
      if (errors.amountCents) errors.amount = errors.amountCents;
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (v: CommitmentValues) => addCommitment(initiativeId, partner.id, commitmentBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['initiatives', 'one', initiativeId, 'partners'] });
      onDone();
    },
  });
  return (
    <Paper withBorder p="sm" mt="sm" bg="gray.0">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}
        aria-label={t('partnership.commitments.addFor', { name: partner.organization.name })}
      >
        <Stack gap="xs">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <NativeSelect
            label={t('partnership.fields.commitmentKind')}
            data={COMMITMENT_KINDS.map((k) => ({ value: k, label: t(`partnership.commitmentKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput label={t('partnership.fields.description')} required maxLength={1000} {...form.getInputProps('description')} />
          <Group grow align="flex-start">
            <TextInput label={t('partnership.fields.quantity')} type="number" min={0} {...form.getInputProps('quantity')} />
            <TextInput label={t('partnership.fields.amount')} type="number" min={0} step="0.01" {...form.getInputProps('amount')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('partnership.fields.dueOn')} type="date" {...form.getInputProps('dueOn')} />
            <NativeSelect
              label={t('partnership.fields.status')}
              data={COMMITMENT_STATUSES.map((s) => ({ value: s, label: t(`partnership.commitmentStatus.${s}`) }))}
              {...form.getInputProps('status')}
            />
          </Group>
          <Group>
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('partnership.commitments.save')}
            </Button>
            <Button size="xs" variant="default" onClick={onDone} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function DocumentsSection({ initiative: i, manage }: { initiative: Initiative; manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const documents = useQuery(documentsQuery(i.id));
  const partners = useQuery(partnersQuery(i.id));
  const partnerName = (id: string | null) => partners.data?.items.find((p) => p.id === id)?.organization.name;
  return (
    <Section id="initiative-documents" title={t('partnership.documents.title')}>
      {manage && <UploadForm initiativeId={i.id} partners={partners.data?.items ?? []} />}
      <QueryState query={documents}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('partnership.documents.emptyTitle')}>
              {t(manage ? 'partnership.documents.emptyManage' : 'partnership.documents.empty')}
            </EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table data-testid="documents-table">
                <Table.Caption className="visually-hidden">{t('partnership.documents.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('partnership.fields.title')}</Table.Th>
                    <Table.Th scope="col">{t('partnership.fields.documentKind')}</Table.Th>
                    <Table.Th scope="col">{t('partnership.fields.partner')}</Table.Th>
                    <Table.Th scope="col">{t('partnership.fields.file')}</Table.Th>
                    <Table.Th scope="col">{t('partnership.fields.uploaded')}</Table.Th>
                    {manage && <Table.Th scope="col">{t('partnership.common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <Anchor href={documentHref(i.id, d.id)} download={d.file.filename} fw={600}>
                          {d.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`partnership.documentKinds.${d.kind}`)}</Table.Td>
                      <Table.Td>{partnerName(d.partnerId) ?? '—'}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{d.file.filename}</Text>
                        <Text size="xs" c="dimmed">
                          {fileSize(d.file.byteSize, f.number)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{f.dateTime(d.createdAt)}</Text>
                        {d.createdBy && (
                          <Text size="xs" c="dimmed">
                            {d.createdBy}
                          </Text>
                        )}
                      </Table.Td>
                      {manage && (
                        <Table.Td>
                          <RemoveButton
                            label={t('partnership.documents.delete')}
                            accessibleName={`${t('partnership.documents.delete')}: ${d.title}`}
                            title={t('partnership.documents.deleteTitle', { name: d.title })}
                            message={t('partnership.documents.deleteMessage')}
                            onConfirm={async () => {
                              await removeDocument(i.id, d.id);
                              await queryClient.invalidateQueries({ queryKey: ['initiatives', 'one', i.id] });
                            }}
                          />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Section>
  );
}

export function fileSize(bytes: number, number: (n: number) => string): string {
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 1024))} KB`;
  return `${number(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}

function UploadForm({ initiativeId, partners }: { initiativeId: string; partners: Partner[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, save, submit, fileInputProps } = useDocumentUpload(
    { title: '', kind: 'agreement', partnerId: '' },
    (v, file) => uploadDocument(initiativeId, { title: v.title, kind: v.kind, partnerId: v.partnerId || undefined }, file),
    () => queryClient.invalidateQueries({ queryKey: ['initiatives', 'one', initiativeId] }),
  );
  return (
    <Paper withBorder p="md" mb="md" bg="gray.0">
      <form noValidate onSubmit={submit} aria-label={t('partnership.documents.upload')}>
        <Stack gap="sm">
          <UploadStatus save={save} />
          <Group grow align="flex-start">
            <TextInput label={t('partnership.fields.title')} required maxLength={200} {...form.getInputProps('title')} />
            <NativeSelect
              label={t('partnership.fields.documentKind')}
              data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`partnership.documentKinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <NativeSelect
              label={t('partnership.fields.partner')}
              data={[
                { value: '', label: t('partnership.documents.wholeInitiative') },
                ...partners.map((p) => ({ value: p.id, label: p.organization.name })),
              ]}
              {...form.getInputProps('partnerId')}
            />
          </Group>
          <DocumentFileInput {...fileInputProps} testId="document-file" />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('partnership.documents.upload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
