import { Alert, Button, Checkbox, Group, MultiSelect, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type JobPreference, jobPreferenceBody, SHIFTS } from '../../../shared/schemas/employers.ts';
import type { Participant } from '../../../shared/schemas/participants.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { jobPreferencesQuery, saveJobPreferences, searchSoc } from '../employers/employers.api.ts';
import { Section } from './sections/common.tsx';

// What the participant is looking for (issue 4): matching ranks them for job orders by these target
// occupations, shifts and the lowest wage they would accept. Kept apart from the employment tab's code.

interface Values {
  socCodes: string[];
  shifts: string[];
  minWage: number | string;
}
const toBody = (v: Values) => ({
  socCodes: v.socCodes,
  shifts: v.shifts,
  minHourlyWageCents: v.minWage === '' ? null : Math.round(Number(v.minWage) * 100),
});

function PreferencesForm({ p, prefs }: { p: Participant; prefs: JobPreference }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const options = useQuery({
    queryKey: ['codes', 'soc', 'pick', debounced],
    queryFn: () => searchSoc(debounced),
    enabled: debounced.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
  const form = useForm<Values>({
    initialValues: {
      socCodes: prefs.socCodes,
      shifts: prefs.shifts,
      minWage: prefs.minHourlyWageCents === null ? '' : prefs.minHourlyWageCents / 100,
    },
    validateInputOnBlur: true,
    validate: (v) => {
      const errors = zodErrors(jobPreferenceBody, toBody(v));
      if ('minHourlyWageCents' in errors) return { ...errors, minWage: errors.minHourlyWageCents } as never;
      return errors as never;
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) => saveJobPreferences(p.id, toBody(v)),
    onSuccess: (data) => {
      qc.setQueryData(jobPreferencesQuery(p.id).queryKey, data);
      setSaved(true);
    },
    onError: (e) => showServerErrors(form, e),
  });
  // Chosen codes stay listed even when the current search does not return them.
  const data = [...new Set([...form.values.socCodes, ...(options.data ?? []).map((o) => o.value)])].map(
    (code) => (options.data ?? []).find((o) => o.value === code) ?? { value: code, label: code },
  );
  return (
    <form noValidate aria-label={t('employers.preferences.title')} onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        {saved && !save.error && (
          <Alert color="green" role="status">
            {t('employers.preferences.saved')}
          </Alert>
        )}
        <MultiSelect
          label={t('employers.preferences.socCodes')}
          description={t('employers.preferences.socHint')}
          searchable
          maxValues={10}
          data={data}
          searchValue={q}
          onSearchChange={setQ}
          filter={({ options: o }) => o}
          {...form.getInputProps('socCodes')}
        />
        <Checkbox.Group label={t('employers.preferences.shifts')} {...form.getInputProps('shifts')}>
          <Group mt="xs">
            {SHIFTS.map((s) => (
              <Checkbox key={s} value={s} label={t(`employers.shifts.${s}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <NumberInput
          label={t('employers.preferences.minWage')}
          prefix="$"
          min={0}
          decimalScale={2}
          maw={260}
          {...form.getInputProps('minWage')}
        />
        <Group>
          <Button type="submit" loading={save.isPending} onClick={() => setSaved(false)}>
            {t('employers.preferences.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function JobPreferencesSection({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const prefs = useQuery(jobPreferencesQuery(p.id));
  return (
    <Section title={t('employers.preferences.title')} testId="job-preferences">
      <Text size="sm" c="dimmed" mb="sm">
        {t('employers.preferences.description')}
      </Text>
      <QueryState query={prefs}>
        {(data) =>
          p.access.canEdit ? (
            <PreferencesForm p={p} prefs={data} />
          ) : data.socCodes.length === 0 ? (
            <Text>{t('employers.preferences.none')}</Text>
          ) : (
            <Stack gap={4}>
              <Text>{data.socCodes.join(', ')}</Text>
              <Text>{data.shifts.map((s) => t(`employers.shifts.${s}`)).join(', ') || t('employers.preferences.anyShift')}</Text>
              {data.minHourlyWageCents !== null && <Text>{`$${(data.minHourlyWageCents / 100).toFixed(2)}`}</Text>}
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}
