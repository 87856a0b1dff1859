import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JOB_BENEFITS, jobOrderBody, SCHEDULES, SHIFTS } from '../../../shared/schemas/employers.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { usePermissions } from '../auth/session.ts';
import { searchCounties } from '../organizations/organizations.api.ts';
import { createJobOrder, searchEmployers, searchSoc } from './employers.api.ts';

interface Values {
  employerId: string;
  socCode: string;
  title: string;
  openings: number | string;
  wageMin: number | string;
  wageMax: number | string;
  hoursPerWeek: number | string;
  shift: string;
  schedule: string;
  benefits: string[];
  advancementPathway: boolean;
  requiredCredentials: string;
  countyFips: string;
  opensOn: string;
}

const cents = (v: number | string) => (v === '' ? undefined : Math.round(Number(v) * 100));
const num = (v: number | string) => (v === '' ? undefined : Number(v));

function toBody(v: Values, staff: boolean) {
  return {
    ...(staff ? { employerId: v.employerId || undefined } : {}),
    socCode: v.socCode,
    title: v.title.trim(),
    openings: num(v.openings),
    wageMinCents: cents(v.wageMin),
    wageMaxCents: cents(v.wageMax),
    hoursPerWeek: num(v.hoursPerWeek),
    shift: v.shift || undefined,
    schedule: v.schedule || undefined,
    benefits: v.benefits,
    advancementPathway: v.advancementPathway,
    requiredCredentials: v.requiredCredentials
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    countyFips: v.countyFips,
    opensOn: v.opensOn,
    status: 'open' as const,
  };
}
// Form fields named differently from the body's.
const FIELD = { wageMinCents: 'wageMin', wageMaxCents: 'wageMax' } as Record<string, string>;

export function JobOrderNewPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const staff = can('employers.read');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [soc, setSoc] = useState<Option | null>(null);
  const [employer, setEmployer] = useState<Option | null>(null);
  const [county, setCounty] = useState<Option | null>(null);
  const form = useForm<Values>({
    initialValues: {
      employerId: '',
      socCode: '',
      title: '',
      openings: 1,
      wageMin: '',
      wageMax: '',
      hoursPerWeek: 40,
      shift: 'day',
      schedule: 'predictable',
      benefits: [],
      advancementPathway: false,
      requiredCredentials: '',
      countyFips: '',
      opensOn: new Date().toISOString().slice(0, 10),
    },
    validateInputOnBlur: true,
    validate: (values) => {
      const errors = zodErrors(jobOrderBody, toBody(values, staff));
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(errors)) out[FIELD[k] ?? k] = v;
      if (staff && !values.employerId) out.employerId = t('fieldErrors.required');
      return out as never;
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) => createJobOrder(toBody(v, staff) as never),
    onSuccess: async (j) => {
      await qc.invalidateQueries({ queryKey: ['job-orders'] });
      navigate({ to: '/job-orders/$jobOrderId', params: { jobOrderId: j.id } });
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <>
      <PageHeader title={t('employers.jobOrders.new')} description={t('employers.jobOrderForm.description')} />
      <Paper withBorder p="lg" maw={860}>
        <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('employers.jobOrders.new')}>
          <Stack>
            {save.error && <ErrorAlert error={save.error} />}
            {staff && (
              <RemoteSelect
                label={t('employers.fields.employer')}
                required
                value={form.values.employerId || null}
                selected={employer}
                queryKey={['employers', 'pick']}
                search={searchEmployers}
                onChange={(o) => {
                  setEmployer(o);
                  form.setFieldValue('employerId', o?.value ?? '');
                }}
                error={form.errors.employerId}
                testId="employer-select"
              />
            )}
            <RemoteSelect
              label={t('employers.fields.occupation')}
              description={t('employers.jobOrderForm.socHint')}
              required
              value={form.values.socCode || null}
              selected={soc}
              queryKey={['codes', 'soc']}
              search={searchSoc}
              onChange={(o) => {
                setSoc(o);
                form.setFieldValue('socCode', o?.value ?? '');
                if (o && !form.values.title) form.setFieldValue('title', o.label.replace(/^\S+ — /, ''));
              }}
              error={form.errors.socCode}
              testId="soc-select"
            />
            <TextInput label={t('employers.fields.title')} required {...form.getInputProps('title')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput label={t('employers.fields.openings')} required min={1} {...form.getInputProps('openings')} />
              <NumberInput
                label={t('employers.fields.wageMin')}
                required
                min={0}
                decimalScale={2}
                prefix="$"
                {...form.getInputProps('wageMin')}
              />
              <NumberInput
                label={t('employers.fields.wageMax')}
                required
                min={0}
                decimalScale={2}
                prefix="$"
                {...form.getInputProps('wageMax')}
              />
              <NumberInput label={t('employers.fields.hoursPerWeek')} required min={1} max={80} {...form.getInputProps('hoursPerWeek')} />
              <NativeSelect
                label={t('employers.fields.shift')}
                data={SHIFTS.map((s) => ({ value: s, label: t(`employers.shifts.${s}`) }))}
                {...form.getInputProps('shift')}
              />
              <NativeSelect
                label={t('employers.fields.schedule')}
                data={SCHEDULES.map((s) => ({ value: s, label: t(`employers.schedules.${s}`) }))}
                {...form.getInputProps('schedule')}
              />
            </SimpleGrid>
            <Checkbox.Group label={t('employers.fields.benefits')} {...form.getInputProps('benefits')}>
              <Group mt="xs">
                {JOB_BENEFITS.map((b) => (
                  <Checkbox key={b} value={b} label={t(`employers.benefits.${b}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Checkbox
              label={t('employers.fields.advancementPathway')}
              {...form.getInputProps('advancementPathway', { type: 'checkbox' })}
            />
            <TextInput
              label={t('employers.fields.requiredCredentials')}
              description={t('employers.jobOrderForm.credentialsHint')}
              {...form.getInputProps('requiredCredentials')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <RemoteSelect
                label={t('employers.fields.county')}
                required
                value={form.values.countyFips || null}
                selected={county}
                queryKey={['codes', 'counties', 'OH']}
                search={(q) => searchCounties(q, 'OH')}
                onChange={(o) => {
                  setCounty(o);
                  form.setFieldValue('countyFips', o?.value ?? '');
                }}
                error={form.errors.countyFips}
                testId="county-select"
              />
              <TextInput type="date" label={t('employers.fields.opensOn')} required {...form.getInputProps('opensOn')} />
            </SimpleGrid>
            <Alert>{t('employers.jobOrderForm.qualityNote')}</Alert>
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('employers.jobOrderForm.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
