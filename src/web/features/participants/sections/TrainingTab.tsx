import { Badge, Button, Group, NativeSelect, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CREDENTIAL_TYPES, credentialBody, type Enrollment, SKILL_GAIN_TYPES, skillGainBody } from '../../../../shared/schemas/casework.ts';
import type { Participant } from '../../../../shared/schemas/participants.ts';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../../ui/forms.tsx';
import { AnchorLink } from '../../../ui/links.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { usePermissions } from '../../auth/session.ts';
import { orNull } from '../labels.tsx';
import { cohortsQuery, credentialsQuery, enrollmentsQuery, programsQuery, skillGainsQuery, today } from '../participants.api.ts';
import { Section, useParticipantWrite } from './common.tsx';

export function TrainingTab({ p }: { p: Participant }) {
  const can = usePermissions();
  const edit = p.access.canEdit;
  return (
    <>
      <Enrollments p={p} canEnroll={edit && can('training.manage')} />
      <Credentials p={p} edit={edit} />
      <SkillGains p={p} edit={edit} />
    </>
  );
}

function Enrollments({ p, canEnroll }: { p: Participant; canEnroll: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const enrollments = useQuery(enrollmentsQuery(p.id));
  return (
    <Section title={t('participants.training.enrollments')}>
      {canEnroll && <EnrollInCohort participantId={p.id} />}
      <QueryState query={enrollments}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('participants.training.noEnrollments')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped data-testid="enrollments">
                <Table.Caption className="visually-hidden">{t('participants.training.enrollments')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('participants.training.program')}</Table.Th>
                    <Table.Th scope="col">{t('participants.fields.cohort')}</Table.Th>
                    <Table.Th scope="col">{t('fields.status')}</Table.Th>
                    <Table.Th scope="col">{t('participants.training.dates')}</Table.Th>
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('participants.duplicates.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{e.trainingProgram.name}</Table.Td>
                      <Table.Td>
                        {e.cohort ? (
                          <AnchorLink to="/training/cohorts/$cohortId" params={{ cohortId: e.cohort.id }}>
                            {e.cohort.name}
                          </AnchorLink>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          tt="none"
                          color={e.status === 'completed' ? 'green' : e.status === 'withdrawn' ? 'gray' : 'blue'}
                        >
                          {t(`participants.enrollmentStatus.${e.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {f.date(e.enrolledOn)}
                        {e.completedOn && ` → ${f.date(e.completedOn)}`}
                        {e.withdrawnOn && ` → ${f.date(e.withdrawnOn)}`}
                      </Table.Td>
                      <Table.Td>{canEnroll && e.status === 'enrolled' && <EnrollmentActions e={e} participantId={p.id} />}</Table.Td>
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

function EnrollmentActions({ e, participantId }: { e: Enrollment; participantId: string }) {
  const { t } = useTranslation();
  const change = useParticipantWrite(participantId, (status: 'completed' | 'withdrawn') =>
    api.patch(`/participants/${participantId}/enrollments/${e.id}`, { status, on: today() }),
  );
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="compact-sm" variant="light" onClick={() => change.mutate('completed')} loading={change.isPending}>
        {t('participants.training.complete')}
      </Button>
      <Button size="compact-sm" variant="subtle" color="gray" onClick={() => change.mutate('withdrawn')} loading={change.isPending}>
        {t('participants.training.withdraw')}
      </Button>
      {change.isError && <ErrorAlert error={change.error} />}
    </Group>
  );
}

function EnrollInCohort({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const programs = useQuery(programsQuery);
  const [programId, setProgramId] = useState('');
  const [cohortId, setCohortId] = useState('');
  const [enrolledOn, setEnrolledOn] = useState(today());
  const cohorts = useQuery({ ...cohortsQuery(programId), enabled: !!programId });
  const enroll = useParticipantWrite(
    participantId,
    () =>
      api.post(`/participants/${participantId}/enrollments`, {
        ...(cohortId ? { cohortId } : { trainingProgramId: programId }),
        enrolledOn,
      }),
    () => setCohortId(''),
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (programId) enroll.mutate(undefined);
      }}
      data-testid="enroll-form"
    >
      <Group align="flex-end" mb="md" wrap="wrap">
        <NativeSelect
          label={t('participants.training.program')}
          value={programId}
          onChange={(e) => {
            setProgramId(e.currentTarget.value);
            setCohortId('');
          }}
          miw={240}
        >
          <option value="">{t('participants.training.chooseProgram')}</option>
          {(programs.data ?? [])
            .filter((x) => x.active)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
        </NativeSelect>
        <NativeSelect
          label={t('participants.fields.cohort')}
          value={cohortId}
          onChange={(e) => setCohortId(e.currentTarget.value)}
          disabled={!programId}
          miw={220}
        >
          <option value="">{t('participants.training.noCohort')}</option>
          {(cohorts.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.capacity ? ` (${c.enrolled}/${c.capacity})` : ''}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          type="date"
          label={t('participants.training.enrolledOn')}
          description="PIRL 1811"
          value={enrolledOn}
          onChange={(e) => setEnrolledOn(e.currentTarget.value)}
          required
        />
        <Button type="submit" loading={enroll.isPending} disabled={!programId || !enrolledOn}>
          {t('participants.training.enroll')}
        </Button>
      </Group>
      {enroll.isError && <ErrorAlert error={enroll.error} title={t('forms.notSaved')} />}
    </form>
  );
}

interface CredentialValues {
  type: string;
  title: string;
  issuer: string;
  attainedOn: string;
}

function Credentials({ p, edit }: { p: Participant; edit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useQuery(credentialsQuery(p.id));
  const toBody = (v: CredentialValues) => ({
    type: v.type || undefined,
    title: v.title.trim(),
    issuer: orNull(v.issuer),
    attainedOn: v.attainedOn,
  });
  const form = useForm<CredentialValues>({
    initialValues: { type: '', title: '', issuer: '', attainedOn: today() },
    validate: (v) => zodErrors(credentialBody, toBody(v)),
  });
  const save = useParticipantWrite(
    p.id,
    (v: CredentialValues) => api.post(`/participants/${p.id}/credentials`, toBody(v)),
    () => form.reset(),
  );
  return (
    <Section title={t('participants.training.credentials')}>
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text mb="sm">{t('participants.training.noCredentials')}</Text>
          ) : (
            <ul data-testid="credentials">
              {items.map((c) => (
                <li key={c.id}>
                  <Text span fw={600}>
                    {c.title}
                  </Text>{' '}
                  — {t(`participants.credentialType.${c.type}`)}
                  {c.issuer && `, ${c.issuer}`} · {f.date(c.attainedOn)}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {edit && (
        <form
          noValidate
          onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => showServerErrors(form, e) }), focusFirstError)}
          data-testid="credential-form"
        >
          <Text fw={600} size="sm" mt="sm">
            {t('participants.training.addCredential')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <NativeSelect
              label={t('participants.training.credentialType')}
              description="PIRL 1800"
              required
              {...form.getInputProps('type')}
            >
              <option value="">{t('participants.intake.notAnswered')}</option>
              {Object.keys(CREDENTIAL_TYPES).map((k) => (
                <option key={k} value={k}>
                  {t(`participants.credentialType.${k}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput label={t('participants.training.credentialTitle')} required maxLength={200} {...form.getInputProps('title')} />
            <TextInput label={t('participants.training.issuer')} maxLength={200} {...form.getInputProps('issuer')} />
            <TextInput
              type="date"
              label={t('participants.training.attainedOn')}
              description="PIRL 1801"
              required
              {...form.getInputProps('attainedOn')}
            />
          </SimpleGrid>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Button type="submit" mt="sm" variant="light" loading={save.isPending}>
            {t('participants.training.saveCredential')}
          </Button>
        </form>
      )}
    </Section>
  );
}

interface GainValues {
  type: string;
  achievedOn: string;
  description: string;
}

function SkillGains({ p, edit }: { p: Participant; edit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useQuery(skillGainsQuery(p.id));
  const toBody = (v: GainValues) => ({ type: v.type || undefined, achievedOn: v.achievedOn, description: orNull(v.description) });
  const form = useForm<GainValues>({
    initialValues: { type: '', achievedOn: today(), description: '' },
    validate: (v) => zodErrors(skillGainBody, toBody(v)),
  });
  const save = useParticipantWrite(
    p.id,
    (v: GainValues) => api.post(`/participants/${p.id}/skill-gains`, toBody(v)),
    () => form.reset(),
  );
  return (
    <Section title={t('participants.training.skillGains')}>
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text mb="sm">{t('participants.training.noSkillGains')}</Text>
          ) : (
            <ul data-testid="skill-gains">
              {items.map((g) => (
                <li key={g.id}>
                  <Text span fw={600}>
                    {t(`participants.skillGainType.${g.type}`)}
                  </Text>{' '}
                  (PIRL {g.pirlElement}) · {f.date(g.achievedOn)}
                  {g.description && ` — ${g.description}`}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {edit && (
        <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => showServerErrors(form, e) }), focusFirstError)}>
          <Text fw={600} size="sm" mt="sm">
            {t('participants.training.addSkillGain')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect label={t('participants.training.skillGainType')} required {...form.getInputProps('type')}>
              <option value="">{t('participants.intake.notAnswered')}</option>
              {Object.keys(SKILL_GAIN_TYPES).map((k) => (
                <option key={k} value={k}>
                  {t(`participants.skillGainType.${k}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput type="date" label={t('participants.training.achievedOn')} required {...form.getInputProps('achievedOn')} />
            <TextInput label={t('participants.training.gainDescription')} maxLength={500} {...form.getInputProps('description')} />
          </SimpleGrid>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Button type="submit" mt="sm" variant="light" loading={save.isPending}>
            {t('participants.training.saveSkillGain')}
          </Button>
        </form>
      )}
    </Section>
  );
}
