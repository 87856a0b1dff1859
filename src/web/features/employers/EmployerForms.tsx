import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/roles.ts';
import {
  COMMITMENT_KINDS,
  CONTACT_ROLES,
  type Commitment,
  type Contact,
  commitmentBody,
  contactBody,
  type EmployerDetail,
  employerProfileBody,
  employerServiceBody,
  fulfilmentBody,
  INTERACTION_KINDS,
  interactionBody,
  PARTNERSHIP_ROLES,
  SERVICE_KINDS,
  SIZE_BANDS,
} from '../../../shared/schemas/employers.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { searchNaics } from '../organizations/organizations.api.ts';
import { searchUsers } from '../strategies/strategies.api.ts';
import {
  addCommitment,
  addContact,
  addService,
  changeContact,
  commitmentsQuery,
  dollars,
  logInteraction,
  recordFulfilment,
  servicesQuery,
  updateProfile,
} from './employers.api.ts';

// The employer account's working forms (issue 4): profile, contacts, interactions, services and
// commitments. Each validates with the shared zod schema the server applies, so a message shows beside
// the field before anything is sent.

const today = () => new Date().toISOString().slice(0, 10);
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
const int = (v: number | string) => (v === '' ? undefined : Number(v));

/** A "show the form" button and the form under it; closes once saved. */
function Reveal({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Group>
        <Button variant="light" onClick={() => setOpen(true)}>
          {label}
        </Button>
      </Group>
    );
  return (
    <Paper bg="gray.0" p="md">
      {children(() => setOpen(false))}
    </Paper>
  );
}

function FormButtons({ submit, busy, onCancel }: { submit: string; busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button type="submit" loading={busy}>
        {submit}
      </Button>
      <Button variant="subtle" onClick={onCancel}>
        {t('employers.forms.cancel')}
      </Button>
    </Group>
  );
}

// ---- Profile

interface ProfileValues {
  naics: string;
  sizeBand: string;
  fein: string;
  uiAccount: string;
  partnershipRole: string;
  accountOwnerId: string;
}
const profileBody = (v: ProfileValues) => ({
  naics: orNull(v.naics),
  sizeBand: orNull(v.sizeBand),
  fein: orNull(v.fein),
  uiAccount: orNull(v.uiAccount),
  partnershipRole: v.partnershipRole,
  accountOwnerId: orNull(v.accountOwnerId),
});

export function ProfileForm({ employer, onDone }: { employer: EmployerDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [naics, setNaics] = useState<Option | null>(
    employer.naics ? { value: employer.naics, label: `${employer.naics} — ${employer.naicsTitle ?? ''}` } : null,
  );
  const [owner, setOwner] = useState<Option | null>(
    employer.accountOwner ? { value: employer.accountOwner.id, label: employer.accountOwner.name } : null,
  );
  const form = useForm<ProfileValues>({
    initialValues: {
      naics: employer.naics ?? '',
      sizeBand: employer.sizeBand ?? '',
      fein: employer.fein ?? '',
      uiAccount: employer.uiAccount ?? '',
      partnershipRole: employer.partnershipRole,
      accountOwnerId: employer.accountOwner?.id ?? '',
    },
    validateInputOnBlur: true,
    validate: (v) => zodErrors(employerProfileBody, profileBody(v), { fein: 'ein' }) as never,
  });
  const save = useMutation({
    mutationFn: (v: ProfileValues) => updateProfile(employer.id, profileBody(v) as never),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['employers'] });
      onDone();
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <form noValidate aria-label={t('employers.forms.editProfile')} onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <RemoteSelect
          label={t('employers.fields.industry')}
          value={form.values.naics || null}
          selected={naics}
          queryKey={['codes', 'naics']}
          search={searchNaics}
          onChange={(o) => {
            setNaics(o);
            form.setFieldValue('naics', o?.value ?? '');
          }}
          error={form.errors.naics}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('employers.fields.size')}
            data={[{ value: '', label: t('employers.forms.notRecorded') }, ...SIZE_BANDS.map((s) => ({ value: s, label: s }))]}
            {...form.getInputProps('sizeBand')}
          />
          <NativeSelect
            label={t('employers.fields.partnershipRole')}
            data={PARTNERSHIP_ROLES.map((r) => ({ value: r, label: t(`employers.roles.${r}`) }))}
            {...form.getInputProps('partnershipRole')}
          />
          <TextInput label={t('employers.fields.fein')} description={t('employers.forms.feinHint')} {...form.getInputProps('fein')} />
          <TextInput label={t('employers.fields.uiAccount')} {...form.getInputProps('uiAccount')} />
        </SimpleGrid>
        <RemoteSelect
          label={t('employers.fields.owner')}
          value={form.values.accountOwnerId || null}
          selected={owner}
          queryKey={['users', 'pick']}
          search={searchUsers}
          onChange={(o) => {
            setOwner(o);
            form.setFieldValue('accountOwnerId', o?.value ?? '');
          }}
          error={form.errors.accountOwnerId}
        />
        <FormButtons submit={t('employers.forms.saveProfile')} busy={save.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

// ---- Contacts

interface ContactValues {
  name: string;
  title: string;
  email: string;
  phone: string;
  roles: string[];
  isPrimary: boolean;
  preferredLanguage: Locale;
}
const contactFromValues = (v: ContactValues) => ({
  name: v.name.trim(),
  title: orNull(v.title),
  email: orNull(v.email),
  phone: orNull(v.phone),
  roles: v.roles,
  isPrimary: v.isPrimary,
  preferredLanguage: v.preferredLanguage,
});

export function ContactForm({ employerId, contact, onDone }: { employerId: string; contact?: Contact; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<ContactValues>({
    initialValues: {
      name: contact?.name ?? '',
      title: contact?.title ?? '',
      email: contact?.email ?? '',
      phone: contact?.phone ?? '',
      roles: contact?.roles ?? [],
      isPrimary: contact?.isPrimary ?? false,
      preferredLanguage: contact?.preferredLanguage ?? 'en',
    },
    validateInputOnBlur: true,
    validate: (v) => zodErrors(contactBody, contactFromValues(v)) as never,
  });
  const save = useMutation({
    mutationFn: (v: ContactValues) =>
      contact
        ? changeContact(employerId, contact.id, contactFromValues(v) as never)
        : addContact(employerId, contactFromValues(v) as never),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['employers', 'contacts', employerId] });
      onDone();
    },
    onError: (e) => showServerErrors(form, e),
  });
  const label = contact ? t('employers.forms.editContactName', { name: contact.name }) : t('employers.forms.addContact');
  return (
    <form noValidate aria-label={label} onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('employers.forms.contactName')} required {...form.getInputProps('name')} />
          <TextInput label={t('employers.forms.contactTitle')} {...form.getInputProps('title')} />
          <TextInput type="email" label={t('employers.forms.email')} {...form.getInputProps('email')} />
          <TextInput type="tel" label={t('employers.forms.phone')} {...form.getInputProps('phone')} />
          <NativeSelect
            label={t('employers.forms.contactLanguage')}
            description={t('employers.forms.contactLanguageHint')}
            data={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            {...form.getInputProps('preferredLanguage')}
          />
        </SimpleGrid>
        <Checkbox.Group label={t('employers.forms.contactRoles')} {...form.getInputProps('roles')}>
          <Group mt="xs">
            {CONTACT_ROLES.map((r) => (
              <Checkbox key={r} value={r} label={t(`employers.contactRoles.${r}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox label={t('employers.forms.primary')} {...form.getInputProps('isPrimary', { type: 'checkbox' })} />
        <FormButtons
          submit={contact ? t('employers.forms.saveContact') : t('employers.forms.addContact')}
          busy={save.isPending}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

export function ContactList({ employerId, contacts, canManage }: { employerId: string; contacts: Contact[]; canManage: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Stack>
      {contacts.length === 0 ? (
        <EmptyState title={t('employers.detail.noContacts')}>
          {canManage ? t('employers.forms.noContactsHint') : t('employers.forms.noContactsRead')}
        </EmptyState>
      ) : (
        <Stack gap="sm">
          {contacts.map((c) =>
            editing === c.id ? (
              <Paper key={c.id} bg="gray.0" p="md">
                <ContactForm employerId={employerId} contact={c} onDone={() => setEditing(null)} />
              </Paper>
            ) : (
              <Group key={c.id} justify="space-between" align="flex-start" wrap="nowrap">
                <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  <Text fw={600}>
                    {c.name} {c.isPrimary && <Badge>{t('employers.detail.primary')}</Badge>}
                  </Text>
                  <Text size="sm">
                    {[c.title, c.email, c.phone, c.preferredLanguage !== 'en' ? t(`languages.${c.preferredLanguage}`) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {c.roles.map((r) => t(`employers.contactRoles.${r}`)).join(', ')}
                  </Text>
                </div>
                {canManage && (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setEditing(c.id)}
                    aria-label={t('employers.forms.editContactName', { name: c.name })}
                  >
                    {t('employers.forms.edit')}
                  </Button>
                )}
              </Group>
            ),
          )}
        </Stack>
      )}
      {canManage && (
        <Reveal label={t('employers.forms.addContact')}>{(close) => <ContactForm employerId={employerId} onDone={close} />}</Reveal>
      )}
    </Stack>
  );
}

// ---- Interactions

interface InteractionValues {
  kind: string;
  occurredOn: string;
  contactId: string;
  summary: string;
  followUpOn: string;
  followUpNote: string;
}
const interactionFromValues = (v: InteractionValues) => ({
  kind: v.kind,
  occurredOn: v.occurredOn,
  contactId: orNull(v.contactId),
  summary: v.summary.trim(),
  followUpOn: orNull(v.followUpOn),
  followUpNote: orNull(v.followUpNote),
});

export function InteractionForm({ employerId, contacts, onDone }: { employerId: string; contacts: Contact[]; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<InteractionValues>({
    initialValues: { kind: 'call', occurredOn: today(), contactId: '', summary: '', followUpOn: '', followUpNote: '' },
    validateInputOnBlur: true,
    validate: (v) => {
      const errors: Record<string, ReactNode> = zodErrors(interactionBody, interactionFromValues(v));
      if (v.followUpOn && v.occurredOn && v.followUpOn < v.occurredOn) errors.followUpOn = t('employers.forms.followUpBefore');
      return errors as never;
    },
  });
  const save = useMutation({
    mutationFn: (v: InteractionValues) => logInteraction(employerId, interactionFromValues(v) as never),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['employers'] });
      onDone();
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <form noValidate aria-label={t('employers.forms.logInteraction')} onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('employers.forms.kind')}
            data={INTERACTION_KINDS.map((k) => ({ value: k, label: t(`employers.interactionKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput type="date" label={t('employers.forms.occurredOn')} required {...form.getInputProps('occurredOn')} />
          <NativeSelect
            label={t('employers.forms.contact')}
            data={[{ value: '', label: t('employers.forms.noContact') }, ...contacts.map((c) => ({ value: c.id, label: c.name }))]}
            {...form.getInputProps('contactId')}
          />
        </SimpleGrid>
        <Textarea label={t('employers.forms.summary')} required autosize minRows={2} {...form.getInputProps('summary')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('employers.forms.followUpOn')} {...form.getInputProps('followUpOn')} />
          <TextInput label={t('employers.forms.followUpNote')} {...form.getInputProps('followUpNote')} />
        </SimpleGrid>
        <FormButtons submit={t('employers.forms.logInteraction')} busy={save.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

// ---- Services

interface ServiceValues {
  kind: string;
  serviceDate: string;
  staffUserId: string;
  cost: number | string;
  description: string;
}
const serviceFromValues = (v: ServiceValues) => ({
  kind: v.kind,
  serviceDate: v.serviceDate,
  staffUserId: orNull(v.staffUserId),
  costCents: v.cost === '' ? 0 : Math.round(Number(v.cost) * 100),
  description: orNull(v.description),
});

function ServiceForm({ employerId, onDone }: { employerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [staff, setStaff] = useState<Option | null>(null);
  const form = useForm<ServiceValues>({
    initialValues: { kind: 'recruitment_event', serviceDate: today(), staffUserId: '', cost: 0, description: '' },
    validateInputOnBlur: true,
    validate: (v) => {
      const errors = zodErrors(employerServiceBody, serviceFromValues(v));
      if ('costCents' in errors) return { ...errors, cost: errors.costCents } as never;
      return errors as never;
    },
  });
  const save = useMutation({
    mutationFn: (v: ServiceValues) => addService(employerId, serviceFromValues(v) as never),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['employers'] });
      onDone();
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <form noValidate aria-label={t('employers.forms.addService')} onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('employers.forms.serviceKind')}
            data={SERVICE_KINDS.map((k) => ({ value: k, label: t(`employers.serviceKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput type="date" label={t('employers.forms.serviceDate')} required {...form.getInputProps('serviceDate')} />
          <NumberInput label={t('employers.forms.cost')} prefix="$" min={0} decimalScale={2} {...form.getInputProps('cost')} />
        </SimpleGrid>
        <RemoteSelect
          label={t('employers.forms.staff')}
          description={t('employers.forms.staffHint')}
          value={form.values.staffUserId || null}
          selected={staff}
          queryKey={['users', 'pick']}
          search={searchUsers}
          onChange={(o) => {
            setStaff(o);
            form.setFieldValue('staffUserId', o?.value ?? '');
          }}
        />
        <Textarea label={t('employers.forms.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <FormButtons submit={t('employers.forms.addService')} busy={save.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

export function ServicesSection({ employerId, canManage }: { employerId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const services = useQuery(servicesQuery(employerId));
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="employer-services">
      <Title order={2} size="h4" id="employer-services" mb="md">
        {t('employers.forms.services')}
      </Title>
      <Stack>
        <QueryState query={services}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={t('employers.forms.noServices')}>
                {canManage ? t('employers.forms.noServicesHint') : t('employers.forms.nothingYet')}
              </EmptyState>
            ) : (
              <Stack gap="xs">
                {list.map((s) => (
                  <div key={s.id}>
                    <Text size="sm" fw={600}>
                      {`${f.date(s.serviceDate)} · ${t(`employers.serviceKinds.${s.kind}`)} · ${dollars(s.costCents)}`}
                    </Text>
                    <Text size="sm">{[s.staff?.name, s.description].filter(Boolean).join(' · ')}</Text>
                  </div>
                ))}
              </Stack>
            )
          }
        </QueryState>
        {canManage && (
          <Reveal label={t('employers.forms.addService')}>{(close) => <ServiceForm employerId={employerId} onDone={close} />}</Reveal>
        )}
      </Stack>
    </Paper>
  );
}

// ---- Commitments

interface CommitmentValues {
  kind: string;
  description: string;
  targetQuantity: number | string;
  dueOn: string;
}
const commitmentFromValues = (v: CommitmentValues) => ({
  kind: v.kind,
  description: v.description.trim(),
  targetQuantity: int(v.targetQuantity),
  dueOn: orNull(v.dueOn),
});

function CommitmentForm({ employerId, onDone }: { employerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<CommitmentValues>({
    initialValues: { kind: 'interview', description: '', targetQuantity: 1, dueOn: '' },
    validateInputOnBlur: true,
    validate: (v) => zodErrors(commitmentBody, commitmentFromValues(v)) as never,
  });
  const save = useMutation({
    mutationFn: (v: CommitmentValues) => addCommitment(employerId, commitmentFromValues(v) as never),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['employers', 'commitments', employerId] });
      onDone();
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <form noValidate aria-label={t('employers.forms.addCommitment')} onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('employers.forms.commitmentKind')}
            data={COMMITMENT_KINDS.map((k) => ({ value: k, label: t(`employers.commitmentKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <NumberInput
            label={t('employers.forms.target')}
            required
            min={1}
            allowDecimal={false}
            {...form.getInputProps('targetQuantity')}
          />
          <TextInput type="date" label={t('employers.forms.dueOn')} {...form.getInputProps('dueOn')} />
        </SimpleGrid>
        <TextInput label={t('employers.forms.description')} required {...form.getInputProps('description')} />
        <FormButtons submit={t('employers.forms.addCommitment')} busy={save.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

interface FulfilmentValues {
  fulfilledOn: string;
  quantity: number | string;
  note: string;
}
const fulfilmentFromValues = (v: FulfilmentValues) => ({ fulfilledOn: v.fulfilledOn, quantity: int(v.quantity), note: orNull(v.note) });

function FulfilmentForm({ employerId, commitment, onDone }: { employerId: string; commitment: Commitment; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<FulfilmentValues>({
    initialValues: { fulfilledOn: today(), quantity: 1, note: '' },
    validateInputOnBlur: true,
    validate: (v) => zodErrors(fulfilmentBody, fulfilmentFromValues(v)) as never,
  });
  const save = useMutation({
    mutationFn: (v: FulfilmentValues) => recordFulfilment(employerId, commitment.id, fulfilmentFromValues(v) as never),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['employers', 'commitments', employerId] });
      onDone();
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <form
      noValidate
      aria-label={t('employers.forms.recordFulfilmentOf', { description: commitment.description })}
      onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}
    >
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('employers.forms.fulfilledOn')} required {...form.getInputProps('fulfilledOn')} />
          <NumberInput label={t('employers.forms.quantity')} required min={1} allowDecimal={false} {...form.getInputProps('quantity')} />
          <TextInput label={t('employers.forms.note')} {...form.getInputProps('note')} />
        </SimpleGrid>
        <FormButtons submit={t('employers.forms.recordFulfilment')} busy={save.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

const COMMITMENT_COLOR = { open: 'blue', fulfilled: 'green', overdue: 'red' } as const;

export function CommitmentsSection({ employerId, canManage }: { employerId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const commitments = useQuery(commitmentsQuery(employerId));
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="employer-commitments">
      <Title order={2} size="h4" id="employer-commitments" mb="md">
        {t('employers.forms.commitments')}
      </Title>
      <Stack>
        <QueryState query={commitments}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={t('employers.forms.noCommitments')}>
                {canManage ? t('employers.forms.noCommitmentsHint') : t('employers.forms.nothingYet')}
              </EmptyState>
            ) : (
              <Stack gap="md">
                {list.map((c) => (
                  <Stack key={c.id} gap={4}>
                    <Group justify="space-between">
                      <Text fw={600}>{`${t(`employers.commitmentKinds.${c.kind}`)}: ${c.description}`}</Text>
                      <Badge color={COMMITMENT_COLOR[c.status]}>{t(`employers.commitmentStatuses.${c.status}`)}</Badge>
                    </Group>
                    <Progress value={c.percentFulfilled} aria-label={t('employers.forms.progressOf', { description: c.description })} />
                    <Text size="sm">
                      {t('employers.forms.progress', { done: c.fulfilledQuantity, target: c.targetQuantity, percent: c.percentFulfilled })}
                      {c.dueOn && ` · ${t('employers.forms.due', { date: f.date(c.dueOn) })}`}
                    </Text>
                    {canManage && c.status !== 'fulfilled' && (
                      <Reveal label={t('employers.forms.recordFulfilment')}>
                        {(close) => <FulfilmentForm employerId={employerId} commitment={c} onDone={close} />}
                      </Reveal>
                    )}
                  </Stack>
                ))}
              </Stack>
            )
          }
        </QueryState>
        {canManage && (
          <Reveal label={t('employers.forms.addCommitment')}>{(close) => <CommitmentForm employerId={employerId} onDone={close} />}</Reveal>
        )}
      </Stack>
    </Paper>
  );
}

export { Reveal };
