import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BARRIERS,
  DISLOCATION_CATEGORIES,
  type DuplicateCheckResult,
  EDUCATION_LEVEL,
  EMPLOYMENT_STATUS,
  intakeFields,
  type Participant,
  PUBLIC_ASSISTANCE,
  RACE,
  SCHOOL_STATUS,
  SELECTIVE_SERVICE,
  SEX,
  YES_NO,
} from '../../../shared/schemas/participants.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { codeOption, searchCounties } from '../organizations/organizations.api.ts';
import { US_STATES } from '../organizations/us-states.ts';
import { orNull, toCents } from './labels.tsx';
import { participantQuery } from './participants.api.ts';

// Intake in steps, aligned to PIRL. The first "Next" checks for likely duplicates and then saves a
// draft; every later step saves as it goes, so an intake can be left and resumed (?id=…). Finishing
// asks the server to check the fields a complete intake needs.

const route = getRouteApi('/app/participants/new');

const TEXT = [
  'firstName',
  'middleName',
  'lastName',
  'ssn',
  'dateOfBirth',
  'externalId',
  'email',
  'phone',
  'addressLine1',
  'addressLine2',
  'city',
  'stateCode',
  'postalCode',
  'countyFips',
  'preferredLanguage',
  'sex',
  'hispanic',
  'veteran',
  'disability',
  'schoolStatus',
  'educationLevel',
  'employmentStatus',
  'q1Wages',
  'q2Wages',
  'q3Wages',
  'familySize',
  'annualIncome',
  'selectiveService',
  'authorizedToWork',
  'dislocationCategory',
] as const;
type Values = Record<(typeof TEXT)[number], string> & { race: string[]; barriers: string[]; publicAssistance: string[] };

const STEPS = ['identity', 'contact', 'demographics', 'education', 'barriers', 'review'] as const;
const STEP_FIELDS: Record<(typeof STEPS)[number], string[]> = {
  identity: ['firstName', 'middleName', 'lastName', 'ssn', 'dateOfBirth', 'externalId'],
  contact: ['email', 'phone', 'addressLine1', 'addressLine2', 'city', 'stateCode', 'postalCode', 'countyFips', 'preferredLanguage'],
  demographics: ['sex', 'hispanic', 'race', 'veteran', 'disability'],
  education: ['schoolStatus', 'educationLevel', 'employmentStatus', 'preProgramWages'],
  barriers: [
    'barriers',
    'publicAssistance',
    'familySize',
    'annualFamilyIncomeCents',
    'selectiveService',
    'authorizedToWork',
    'dislocation',
  ],
  review: [],
};

function initialValues(p?: Participant): Values {
  const v = Object.fromEntries(TEXT.map((k) => [k, ''])) as unknown as Values;
  v.race = [];
  v.barriers = [];
  v.publicAssistance = [];
  if (!p) return v;
  const set = (k: (typeof TEXT)[number], x: string | number | boolean | null | undefined) => {
    if (x !== null && x !== undefined) v[k] = String(x);
  };
  set('firstName', p.firstName);
  set('middleName', p.middleName);
  set('lastName', p.lastName);
  set('externalId', p.externalId);
  set('dateOfBirth', p.demographics?.dateOfBirth);
  if (p.contact) for (const k of STEP_FIELDS.contact) set(k as (typeof TEXT)[number], p.contact[k as keyof typeof p.contact]);
  const d = p.demographics;
  if (d) {
    set('sex', d.sex);
    set('hispanic', d.hispanic);
    set('veteran', d.veteran);
    set('disability', d.disability);
    v.race = [...d.race];
    v.barriers = [...d.barriers];
  }
  set('schoolStatus', p.education?.schoolStatus);
  set('educationLevel', p.education?.educationLevel);
  set('employmentStatus', p.employment?.employmentStatus);
  const w = p.employment?.preProgramWages;
  if (w) {
    set('q1Wages', w.q1PriorCents === null ? null : (w.q1PriorCents / 100).toFixed(2));
    set('q2Wages', w.q2PriorCents === null ? null : (w.q2PriorCents / 100).toFixed(2));
    set('q3Wages', w.q3PriorCents === null ? null : (w.q3PriorCents / 100).toFixed(2));
  }
  const e = p.eligibilityFacts;
  if (e) {
    v.publicAssistance = [...e.publicAssistance];
    set('familySize', e.familySize);
    set('annualIncome', e.annualFamilyIncomeCents === null ? null : (e.annualFamilyIncomeCents / 100).toFixed(0));
    set('selectiveService', e.selectiveService);
    set('authorizedToWork', e.authorizedToWork === null ? null : e.authorizedToWork ? 'yes' : 'no');
    set('dislocationCategory', e.dislocation?.category);
  }
  return v;
}

/** What the API receives; the SSN only when typed (a saved one is never sent back to the browser). */
function toBody(v: Values): Record<string, unknown> {
  const wages = [v.q1Wages, v.q2Wages, v.q3Wages].map(toCents);
  const income = toCents(v.annualIncome);
  return {
    firstName: v.firstName.trim(),
    middleName: orNull(v.middleName),
    lastName: v.lastName.trim(),
    ...(v.ssn.trim() ? { ssn: v.ssn.trim() } : {}),
    dateOfBirth: orNull(v.dateOfBirth),
    externalId: orNull(v.externalId),
    email: orNull(v.email),
    phone: orNull(v.phone),
    addressLine1: orNull(v.addressLine1),
    addressLine2: orNull(v.addressLine2),
    city: orNull(v.city),
    stateCode: orNull(v.stateCode),
    postalCode: orNull(v.postalCode),
    countyFips: orNull(v.countyFips),
    preferredLanguage: orNull(v.preferredLanguage),
    sex: orNull(v.sex),
    hispanic: orNull(v.hispanic),
    race: v.race,
    veteran: orNull(v.veteran),
    disability: orNull(v.disability),
    schoolStatus: orNull(v.schoolStatus),
    educationLevel: orNull(v.educationLevel),
    employmentStatus: orNull(v.employmentStatus),
    preProgramWages: wages.every((w) => w === null) ? null : { q1PriorCents: wages[0], q2PriorCents: wages[1], q3PriorCents: wages[2] },
    barriers: v.barriers,
    publicAssistance: v.publicAssistance,
    familySize: v.familySize.trim() ? Number(v.familySize) : null,
    annualFamilyIncomeCents: income,
    selectiveService: orNull(v.selectiveService),
    authorizedToWork: v.authorizedToWork === '' ? null : v.authorizedToWork === 'yes',
    dislocation: v.dislocationCategory ? { category: v.dislocationCategory } : null,
  };
}

const FORMAT_MESSAGES = { stateCode: 'state_code', postalCode: 'postal_code', countyFips: 'county_fips' };

/** Map a body path (preProgramWages.q1PriorCents) back to the input that shows it. */
const INPUT_FOR: Record<string, string> = {
  'preProgramWages.q1PriorCents': 'q1Wages',
  'preProgramWages.q2PriorCents': 'q2Wages',
  'preProgramWages.q3PriorCents': 'q3Wages',
  annualFamilyIncomeCents: 'annualIncome',
  'dislocation.category': 'dislocationCategory',
};

export function IntakePage() {
  // The draft's id joins the address once saved; that must not remount the form mid-intake.
  const [id] = useState(route.useSearch().id);
  const existing = useQuery({ ...participantQuery(id ?? ''), enabled: !!id });
  const { t } = useTranslation();
  if (!id) return <IntakeForm />;
  return (
    <QueryState query={existing}>
      {(p) =>
        p.access.canEdit ? (
          <IntakeForm participant={p} key={p.id} />
        ) : (
          <Alert color="yellow" title={t('participants.intake.cannotEdit')}>
            {t('participants.intake.cannotEditBody')}
          </Alert>
        )
      }
    </QueryState>
  );
}

function IntakeForm({ participant }: { participant?: Participant }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [id, setId] = useState(participant?.id ?? null);
  const [dupes, setDupes] = useState<DuplicateCheckResult | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [county, setCounty] = useState<Option | null>(
    participant?.contact?.countyFips && participant.contact.countyName
      ? codeOption(participant.contact.countyFips, participant.contact.countyName)
      : null,
  );
  const form = useForm<Values>({
    initialValues: initialValues(participant),
    validate: (values) => {
      const errors = zodErrors(intakeFields, toBody(values), FORMAT_MESSAGES);
      const out: Record<string, React.ReactNode> = {};
      for (const [path, message] of Object.entries(errors)) {
        // Only the fields of the current step block "Next"; the rest are checked when reached.
        const field = INPUT_FOR[path] ?? path.split('.')[0];
        const top = path.split('.')[0];
        if (STEP_FIELDS[STEPS[step]].includes(top) || STEPS[step] === 'review') out[field] = message;
      }
      return out;
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: step is the trigger, not an input.
  useEffect(() => {
    document.getElementById('intake-step-heading')?.focus();
  }, [step]);

  const save = useMutation({
    mutationFn: async ({ body, complete }: { body: Record<string, unknown>; complete?: boolean }) => {
      if (id) return api.patch<Participant>(`/participants/${id}`, { ...body, complete });
      return api.post<Participant>('/participants', { ...body, complete, ...(confirmed ? { confirmNotDuplicate: true } : {}) });
    },
    onSuccess: (p) => {
      setId(p.id);
      queryClient.setQueryData(['participant', p.id], p);
      void queryClient.invalidateQueries({ queryKey: ['participants', 'list'] });
      // Keep the address resumable: a reload comes back to this draft.
      void navigate({ to: '/participants/new', search: { id: p.id }, replace: true });
    },
    onError: (e) => {
      showServerErrors(
        {
          getValues: () => form.getValues(),
          setFieldError: (path, err) => form.setFieldError(INPUT_FOR[path] ?? path, err),
        },
        e,
      );
    },
  });
  const check = useMutation({
    mutationFn: (v: Values) =>
      api.post<DuplicateCheckResult>('/participants/duplicates', {
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim(),
        dateOfBirth: orNull(v.dateOfBirth),
        ...(v.ssn.trim() ? { ssn: v.ssn.trim() } : {}),
      }),
  });
  const link = useMutation({
    mutationFn: (otherId: string) => api.post<Participant>('/participants', { ...toBody(form.getValues()), linkToParticipantId: otherId }),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: ['participants'] });
      void navigate({ to: '/participants/$participantId', params: { participantId: p.id } });
    },
  });

  const next = async () => {
    if (form.validate().hasErrors) return focusFirstError();
    const values = form.getValues();
    if (!id && !confirmed) {
      const found = await check.mutateAsync(values);
      if (found.candidates.length > 0) {
        setDupes(found);
        return;
      }
    }
    await save.mutateAsync({ body: toBody(values) });
    setStep((s) => Math.min(s + 1, STEPS.length - 1));
  };
  const saveForLater = async () => {
    if (form.validate().hasErrors) return focusFirstError();
    const p = await save.mutateAsync({ body: toBody(form.getValues()) });
    void navigate({ to: '/participants/$participantId', params: { participantId: p.id } });
  };
  const finish = async () => {
    const p = await save.mutateAsync({ body: toBody(form.getValues()), complete: true });
    void navigate({ to: '/participants/$participantId', params: { participantId: p.id } });
  };

  const select = (field: keyof Values, label: string, options: { value: string; label: string }[], required = false) => (
    <NativeSelect label={label} required={required} {...form.getInputProps(field)} data-testid={`intake-${field}`}>
      <option value="">{t('participants.intake.notAnswered')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </NativeSelect>
  );
  const yesNo = Object.keys(YES_NO).map((k) => ({ value: k, label: t(`participants.yesNo.${k}`) }));
  const stepName = STEPS[step];
  const saved = participant ?? (id ? queryClient.getQueryData<Participant>(['participant', id]) : undefined);

  return (
    <>
      <PageHeader
        title={
          participant
            ? t('participants.intake.resumeTitle', { name: `${participant.firstName} ${participant.lastName}` })
            : t('participants.intake.title')
        }
        description={t('participants.intake.description')}
      />
      <Stepper
        active={step}
        onStepClick={id ? setStep : undefined}
        allowNextStepsSelect={!!id}
        size="sm"
        mb="lg"
        aria-label={t('participants.intake.steps')}
      >
        {STEPS.map((s) => (
          <Stepper.Step key={s} label={t(`participants.intake.step.${s}`)} />
        ))}
      </Stepper>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void (stepName === 'review' ? finish() : next()).catch(() => undefined);
        }}
      >
        <Stack gap="md" maw={800}>
          <Title order={2} size="h3" id="intake-step-heading" tabIndex={-1}>
            {t(`participants.intake.step.${stepName}`)}
          </Title>
          {(save.isError || check.isError || link.isError) && (
            <ErrorAlert error={save.error ?? check.error ?? link.error} title={t('forms.notSaved')} />
          )}
          {id && (
            <Text size="sm" c="dimmed" data-testid="intake-saved">
              {t('participants.intake.draftSaved')}
            </Text>
          )}

          {stepName === 'identity' && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('participants.fields.firstName')} required maxLength={100} {...form.getInputProps('firstName')} />
                <TextInput label={t('participants.fields.middleName')} maxLength={100} {...form.getInputProps('middleName')} />
                <TextInput label={t('participants.fields.lastName')} required maxLength={100} {...form.getInputProps('lastName')} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  type="date"
                  label={t('participants.fields.dateOfBirth')}
                  description="PIRL 200"
                  {...form.getInputProps('dateOfBirth')}
                />
                <TextInput
                  label={t('participants.fields.ssn')}
                  description={
                    saved?.ssnMasked ? t('participants.intake.ssnOnFile', { masked: saved.ssnMasked }) : t('participants.intake.ssnHint')
                  }
                  autoComplete="off"
                  inputMode="numeric"
                  maxLength={11}
                  {...form.getInputProps('ssn')}
                />
                <TextInput label={t('participants.fields.externalId')} maxLength={100} {...form.getInputProps('externalId')} />
              </SimpleGrid>
              {dupes && !confirmed && (
                <Duplicates
                  result={dupes}
                  linking={link.isPending}
                  onLink={(otherId) => link.mutate(otherId)}
                  onDifferent={() => {
                    setConfirmed(true);
                    setDupes(null);
                  }}
                />
              )}
            </>
          )}

          {stepName === 'contact' && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput type="email" label={t('fields.email')} maxLength={254} {...form.getInputProps('email')} />
                <TextInput type="tel" label={t('fields.phone')} maxLength={40} {...form.getInputProps('phone')} />
              </SimpleGrid>
              <TextInput label={t('fields.addressLine1')} maxLength={200} {...form.getInputProps('addressLine1')} />
              <TextInput label={t('participants.fields.addressLine2')} maxLength={200} {...form.getInputProps('addressLine2')} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('fields.city')} maxLength={100} {...form.getInputProps('city')} />
                <NativeSelect label={t('fields.state')} required description="PIRL 101" {...form.getInputProps('stateCode')}>
                  <option value="">{t('participants.intake.notAnswered')}</option>
                  {US_STATES.map(([code, name]) => (
                    <option key={code} value={code}>
                      {name}
                    </option>
                  ))}
                </NativeSelect>
                <TextInput label={t('fields.postalCode')} maxLength={10} inputMode="numeric" {...form.getInputProps('postalCode')} />
              </SimpleGrid>
              <RemoteSelect
                label={t('fields.county')}
                description={t('participants.intake.countyHint')}
                required
                value={form.values.countyFips || null}
                selected={county}
                queryKey={['codes', 'counties', form.values.stateCode]}
                search={(q) => searchCounties(q, form.values.stateCode || null)}
                onChange={(o) => {
                  setCounty(o);
                  form.setFieldValue('countyFips', o?.value ?? '');
                }}
                error={form.errors.countyFips}
                testId="intake-county"
              />
              <NativeSelect label={t('participants.fields.preferredLanguage')} {...form.getInputProps('preferredLanguage')}>
                <option value="">{t('participants.intake.notAnswered')}</option>
                {['en', 'es', 'ar', 'zh', 'fr', 'so', 'uk', 'vi'].map((l) => (
                  <option key={l} value={l}>
                    {t(`participants.languages.${l}`)}
                  </option>
                ))}
              </NativeSelect>
            </>
          )}

          {stepName === 'demographics' && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {select(
                  'sex',
                  t('participants.fields.sex'),
                  Object.keys(SEX).map((k) => ({ value: k, label: t(`participants.sex.${k}`) })),
                  true,
                )}
                {select('hispanic', t('participants.fields.hispanic'), yesNo)}
                {select('veteran', t('participants.fields.veteran'), yesNo, true)}
                {select('disability', t('participants.fields.disability'), yesNo, true)}
              </SimpleGrid>
              <Checkbox.Group
                label={t('participants.fields.race')}
                description={t('participants.intake.raceHint')}
                {...form.getInputProps('race')}
              >
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                  {Object.keys(RACE).map((k) => (
                    <Checkbox key={k} value={k} label={t(`participants.race.${k}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            </>
          )}

          {stepName === 'education' && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {select(
                  'schoolStatus',
                  t('participants.fields.schoolStatus'),
                  Object.keys(SCHOOL_STATUS).map((k) => ({ value: k, label: t(`participants.schoolStatus.${k}`) })),
                )}
                {select(
                  'educationLevel',
                  t('participants.fields.educationLevel'),
                  Object.keys(EDUCATION_LEVEL).map((k) => ({ value: k, label: t(`participants.educationLevel.${k}`) })),
                  true,
                )}
                {select(
                  'employmentStatus',
                  t('participants.fields.employmentStatus'),
                  Object.keys(EMPLOYMENT_STATUS).map((k) => ({ value: k, label: t(`participants.employmentStatus.${k}`) })),
                  true,
                )}
              </SimpleGrid>
              <Text fw={600} size="sm">
                {t('participants.fields.preProgramWages')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('participants.fields.q1Wages')}
                  description="PIRL 1702"
                  inputMode="decimal"
                  {...form.getInputProps('q1Wages')}
                />
                <TextInput
                  label={t('participants.fields.q2Wages')}
                  description="PIRL 1701"
                  inputMode="decimal"
                  {...form.getInputProps('q2Wages')}
                />
                <TextInput
                  label={t('participants.fields.q3Wages')}
                  description="PIRL 1700"
                  inputMode="decimal"
                  {...form.getInputProps('q3Wages')}
                />
              </SimpleGrid>
            </>
          )}

          {stepName === 'barriers' && (
            <>
              <Checkbox.Group
                label={t('participants.fields.barriers')}
                description={t('participants.intake.barriersHint')}
                {...form.getInputProps('barriers')}
              >
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                  {Object.keys(BARRIERS).map((k) => (
                    <Checkbox key={k} value={k} label={t(`participants.barrier.${k}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Checkbox.Group label={t('participants.fields.publicAssistance')} {...form.getInputProps('publicAssistance')}>
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                  {Object.keys(PUBLIC_ASSISTANCE).map((k) => (
                    <Checkbox key={k} value={k} label={t(`participants.publicAssistance.${k}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={t('participants.fields.familySize')}
                  min={1}
                  max={30}
                  allowDecimal={false}
                  {...form.getInputProps('familySize')}
                />
                <TextInput label={t('participants.fields.annualIncome')} inputMode="decimal" {...form.getInputProps('annualIncome')} />
                {select(
                  'selectiveService',
                  t('participants.fields.selectiveService'),
                  SELECTIVE_SERVICE.map((k) => ({ value: k, label: t(`participants.selectiveService.${k}`) })),
                )}
                {select('authorizedToWork', t('participants.fields.authorizedToWork'), [
                  { value: 'yes', label: t('participants.yesNo.yes') },
                  { value: 'no', label: t('participants.yesNo.no') },
                ])}
                {select(
                  'dislocationCategory',
                  t('participants.fields.dislocation'),
                  DISLOCATION_CATEGORIES.map((k) => ({ value: k, label: t(`participants.dislocation.${k}`) })),
                )}
              </SimpleGrid>
            </>
          )}

          {stepName === 'review' && <Review participant={saved} />}

          <Group justify="space-between" mt="md">
            <Button variant="default" onClick={() => setStep((s) => s - 1)} disabled={step === 0}>
              {t('participants.intake.back')}
            </Button>
            <Group>
              <Button
                variant="default"
                onClick={() => void saveForLater().catch(() => undefined)}
                loading={save.isPending}
                disabled={!!dupes && !confirmed}
              >
                {t('participants.intake.saveForLater')}
              </Button>
              <Button type="submit" loading={save.isPending || check.isPending} disabled={!!dupes && !confirmed}>
                {stepName === 'review' ? t('participants.intake.finish') : t('participants.intake.next')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </>
  );
}

function Duplicates({
  result,
  linking,
  onLink,
  onDifferent,
}: {
  result: DuplicateCheckResult;
  linking: boolean;
  onLink: (id: string) => void;
  onDifferent: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" bg="yellow.0" role="region" aria-labelledby="duplicates-heading" data-testid="duplicates">
      <Title order={3} size="h4" id="duplicates-heading" mb="xs">
        {t('participants.duplicates.title')}
      </Title>
      <Text mb="sm">{t('participants.duplicates.body')}</Text>
      <Table>
        <Table.Caption className="visually-hidden">{t('participants.duplicates.title')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('participants.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('participants.fields.dateOfBirth')}</Table.Th>
            <Table.Th scope="col">{t('fields.organization')}</Table.Th>
            <Table.Th scope="col">{t('participants.duplicates.matchedOn')}</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">{t('participants.duplicates.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.candidates.map((c) => (
            <Table.Tr key={c.participantId}>
              <Table.Td>
                {c.firstName} {c.lastName}
              </Table.Td>
              <Table.Td>{c.dateOfBirth ?? '—'}</Table.Td>
              <Table.Td>{c.organizationName}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {t(`participants.duplicates.${c.matchedOn}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <AnchorLink to="/participants/$participantId" params={{ participantId: c.participantId }}>
                    {t('participants.duplicates.open')}
                    <span className="visually-hidden">
                      : {c.firstName} {c.lastName}
                    </span>
                  </AnchorLink>
                  <Button size="xs" variant="light" onClick={() => onLink(c.participantId)} loading={linking}>
                    {t('participants.duplicates.link')}
                    <span className="visually-hidden">
                      : {c.firstName} {c.lastName}
                    </span>
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.hiddenMatches > 0 && (
        <Text size="sm" mt="xs">
          {t('participants.duplicates.hidden', { count: result.hiddenMatches })}
        </Text>
      )}
      <Button variant="default" mt="sm" onClick={onDifferent}>
        {t('participants.duplicates.different')}
      </Button>
    </Paper>
  );
}

function Review({ participant }: { participant?: Participant }) {
  const { t } = useTranslation();
  const missing = participant?.missingForCompletion ?? [];
  return missing.length === 0 ? (
    <Alert color="green" title={t('participants.intake.readyTitle')}>
      {t('participants.intake.ready')}
    </Alert>
  ) : (
    <Alert color="yellow" title={t('participants.intake.missingTitle')} data-testid="intake-missing">
      <Text mb="xs">{t('participants.intake.missing')}</Text>
      <ul>
        {missing.map((m) => (
          <li key={m}>{t(`participants.fields.${m}`, { defaultValue: m })}</li>
        ))}
      </ul>
    </Alert>
  );
}
