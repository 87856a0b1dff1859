import { Badge, Button, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_TYPES, assessmentBody, type Plan, planBody } from '../../../../shared/schemas/casework.ts';
import type { Participant } from '../../../../shared/schemas/participants.ts';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../../ui/forms.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { orNull } from '../labels.tsx';
import { assessmentsQuery, plansQuery, today } from '../participants.api.ts';
import { Section, useParticipantWrite } from './common.tsx';

export function PlanTab({ p }: { p: Participant }) {
  return (
    <>
      <Assessments p={p} />
      <Plans p={p} />
    </>
  );
}

interface AssessmentValues {
  type: string;
  instrument: string;
  assessedOn: string;
  level: string;
  scoreName: string;
  scoreValue: string;
  notes: string;
}

function Assessments({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useQuery(assessmentsQuery(p.id));
  const toBody = (v: AssessmentValues) => ({
    type: v.type || undefined,
    instrument: orNull(v.instrument),
    assessedOn: v.assessedOn,
    level: orNull(v.level),
    scores: v.scoreName.trim()
      ? { [v.scoreName.trim()]: Number.isFinite(Number(v.scoreValue)) && v.scoreValue.trim() ? Number(v.scoreValue) : v.scoreValue.trim() }
      : {},
    notes: orNull(v.notes),
  });
  const form = useForm<AssessmentValues>({
    initialValues: { type: '', instrument: '', assessedOn: today(), level: '', scoreName: '', scoreValue: '', notes: '' },
    validate: (v) => zodErrors(assessmentBody, toBody(v)),
  });
  const save = useParticipantWrite(
    p.id,
    (v: AssessmentValues) => api.post(`/participants/${p.id}/assessments`, toBody(v)),
    () => form.reset(),
  );
  return (
    <Section title={t('participants.plan.assessments')}>
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text mb="sm">{t('participants.plan.noAssessments')}</Text>
          ) : (
            <ul data-testid="assessments">
              {items.map((a) => (
                <li key={a.id}>
                  <Text span fw={600}>
                    {t(`participants.assessmentType.${a.type}`)}
                  </Text>
                  {a.instrument && ` (${a.instrument})`} · {f.date(a.assessedOn)}
                  {a.level && ` · ${t('participants.plan.levelLine', { level: a.level })}`}
                  {Object.keys(a.scores).length > 0 &&
                    ` · ${Object.entries(a.scores)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join(', ')}`}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {p.access.canEdit && (
        <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => showServerErrors(form, e) }), focusFirstError)}>
          <Text fw={600} size="sm" mt="sm">
            {t('participants.plan.addAssessment')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect label={t('participants.plan.assessmentType')} required {...form.getInputProps('type')}>
              <option value="">{t('participants.intake.notAnswered')}</option>
              {ASSESSMENT_TYPES.map((k) => (
                <option key={k} value={k}>
                  {t(`participants.assessmentType.${k}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput label={t('participants.plan.instrument')} maxLength={200} {...form.getInputProps('instrument')} />
            <TextInput type="date" label={t('participants.plan.assessedOn')} required {...form.getInputProps('assessedOn')} />
            <TextInput label={t('participants.plan.level')} maxLength={60} {...form.getInputProps('level')} />
            <TextInput label={t('participants.plan.scoreName')} maxLength={60} {...form.getInputProps('scoreName')} />
            <TextInput label={t('participants.plan.scoreValue')} maxLength={60} {...form.getInputProps('scoreValue')} />
          </SimpleGrid>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Button type="submit" mt="sm" variant="light" loading={save.isPending}>
            {t('participants.plan.saveAssessment')}
          </Button>
        </form>
      )}
    </Section>
  );
}

interface PlanValues {
  title: string;
  goal: string;
  socCode: string;
  targetDate: string;
  steps: string;
  stepsDue: string;
}

function Plans({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const list = useQuery(plansQuery(p.id));
  const toBody = (v: PlanValues) => ({
    title: v.title.trim(),
    goals: v.goal.trim()
      ? [
          {
            description: v.goal.trim(),
            socCode: orNull(v.socCode),
            targetDate: orNull(v.targetDate),
            steps: v.steps
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean)
              .map((description) => ({ description, dueDate: orNull(v.stepsDue) })),
          },
        ]
      : [],
  });
  const form = useForm<PlanValues>({
    initialValues: { title: '', goal: '', socCode: '', targetDate: '', steps: '', stepsDue: '' },
    validate: (v) => {
      const errors = zodErrors(planBody, toBody(v));
      // The one goal typed here maps back onto its inputs.
      const map: Record<string, string> = {
        'goals.0.description': 'goal',
        'goals.0.socCode': 'socCode',
        'goals.0.targetDate': 'targetDate',
      };
      return Object.fromEntries(Object.entries(errors).map(([k, m]) => [map[k] ?? (k.startsWith('goals.0.steps') ? 'steps' : k), m]));
    },
  });
  const save = useParticipantWrite(
    p.id,
    (v: PlanValues) => api.post(`/participants/${p.id}/plans`, toBody(v)),
    () => form.reset(),
  );
  return (
    <Section title={t('participants.plan.plans')}>
      <QueryState query={list}>
        {(plans) =>
          plans.length === 0 ? (
            <Text mb="sm">{t('participants.plan.noPlans')}</Text>
          ) : (
            <Stack data-testid="plans">
              {plans.map((plan) => (
                <PlanView key={plan.id} plan={plan} participantId={p.id} edit={p.access.canEdit} />
              ))}
            </Stack>
          )
        }
      </QueryState>
      {p.access.canEdit && (
        <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => showServerErrors(form, e) }), focusFirstError)}>
          <Text fw={600} size="sm" mt="md">
            {t('participants.plan.addPlan')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('participants.plan.planTitle')} required maxLength={200} {...form.getInputProps('title')} />
            <TextInput label={t('participants.plan.goal')} maxLength={500} {...form.getInputProps('goal')} />
            <TextInput
              label={t('participants.plan.soc')}
              description={t('participants.employment.socHint')}
              maxLength={7}
              {...form.getInputProps('socCode')}
            />
            <TextInput type="date" label={t('participants.plan.targetDate')} {...form.getInputProps('targetDate')} />
          </SimpleGrid>
          <Textarea
            label={t('participants.plan.steps')}
            description={t('participants.plan.stepsHint')}
            autosize
            minRows={2}
            {...form.getInputProps('steps')}
          />
          <TextInput type="date" label={t('participants.plan.stepsDue')} w={220} {...form.getInputProps('stepsDue')} />
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Button type="submit" mt="sm" variant="light" loading={save.isPending}>
            {t('participants.plan.savePlan')}
          </Button>
        </form>
      )}
    </Section>
  );
}

function PlanView({ plan, participantId, edit }: { plan: Plan; participantId: string; edit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const step = useParticipantWrite(participantId, ({ id, status }: { id: string; status: 'done' | 'dropped' }) =>
    api.patch(`/participants/${participantId}/plan-steps/${id}`, { status }),
  );
  return (
    <Stack gap={4} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
      <Group justify="space-between">
        <Text fw={650}>{plan.title}</Text>
        <Badge variant="light" tt="none">
          {t(`participants.plan.status.${plan.status}`)}
        </Badge>
      </Group>
      {plan.goals.map((g) => (
        <Stack key={g.id} gap={2} pl="sm">
          <Text size="sm" fw={600}>
            {g.description}
            {g.socCode && ` — SOC ${g.socCode}${g.socTitle ? ` ${g.socTitle}` : ''}`}
            {g.targetDate && ` · ${t('participants.plan.byDate', { date: f.date(g.targetDate) })}`} ·{' '}
            {t(`participants.plan.goalStatus.${g.status}`)}
          </Text>
          <ul style={{ margin: 0 }}>
            {g.steps.map((s) => (
              <li key={s.id}>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" span td={s.status === 'done' ? 'line-through' : undefined}>
                    {s.description}
                    {s.dueDate && ` (${t('participants.plan.due', { date: f.date(s.dueDate) })})`} —{' '}
                    {t(`participants.plan.stepStatus.${s.status}`)}
                  </Text>
                  {edit && s.status === 'open' && (
                    <Button size="compact-xs" variant="light" onClick={() => step.mutate({ id: s.id, status: 'done' })}>
                      {t('participants.plan.markDone')}
                      <span className="visually-hidden">: {s.description}</span>
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </ul>
        </Stack>
      ))}
      {step.isError && <ErrorAlert error={step.error} />}
    </Stack>
  );
}
