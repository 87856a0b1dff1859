import { Button, Checkbox, Group, MultiSelect, NativeSelect, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CREDENTIAL_TYPES, type TrainingProgram, trainingProgramBody } from '../../../shared/schemas/casework.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { searchSoc } from '../employers/employers.api.ts';
import { searchOrganizations } from '../organizations/organizations.api.ts';

// Add or change a training program: the provider, what it teaches (CIP) and leads to (target SOC codes,
// the credential), and its size and cost. Validated with the API's own schema as the user types.

const MODALITIES = ['in_person', 'hybrid', 'online'] as const;

interface Values {
  providerOrganizationId: string;
  name: string;
  cipCode: string;
  targetSocCodes: string[];
  credentialOffered: string;
  credentialType: string;
  hours: number | string;
  cost: number | string;
  modality: (typeof MODALITIES)[number];
  schedule: string;
  active: boolean;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const toBody = (v: Values) => ({
  providerOrganizationId: v.providerOrganizationId,
  name: v.name.trim(),
  cipCode: orNull(v.cipCode),
  targetSocCodes: v.targetSocCodes,
  credentialOffered: orNull(v.credentialOffered),
  credentialType: (orNull(v.credentialType) as keyof typeof CREDENTIAL_TYPES | null) ?? null,
  hours: v.hours === '' ? null : Number(v.hours),
  costCents: v.cost === '' ? null : Math.round(Number(v.cost) * 100),
  modality: v.modality,
  schedule: orNull(v.schedule),
});

export function ProgramForm({ program, onDone }: { program?: TrainingProgram; onDone: (saved?: TrainingProgram) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [provider, setProvider] = useState<Option | null>(program ? { value: program.provider.id, label: program.provider.name } : null);
  const [socSearch, setSocSearch] = useState('');
  const [debounced] = useDebouncedValue(socSearch, 250);
  const socOptions = useQuery({
    queryKey: ['codes', 'soc', 'pick', debounced],
    queryFn: () => searchSoc(debounced),
    enabled: debounced.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
  const form = useForm<Values>({
    initialValues: {
      providerOrganizationId: program?.provider.id ?? '',
      name: program?.name ?? '',
      cipCode: program?.cipCode ?? '',
      targetSocCodes: program?.targetSocCodes ?? [],
      credentialOffered: program?.credentialOffered ?? '',
      credentialType: program?.credentialType ?? '',
      hours: program?.hours ?? '',
      cost: program?.costCents === null || program?.costCents === undefined ? '' : program.costCents / 100,
      modality: program?.modality ?? 'in_person',
      schedule: program?.schedule ?? '',
      active: program?.active ?? true,
    },
    validateInputOnBlur: true,
    validate: (v) => {
      const errors = zodErrors(trainingProgramBody, toBody(v));
      if ('costCents' in errors) errors.cost = errors.costCents;
      return errors as never;
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      program
        ? api.patch<TrainingProgram>(`/training-programs/${program.id}`, { ...toBody(v), active: v.active })
        : api.post<TrainingProgram>('/training-programs', toBody(v)),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['training-programs'] });
      onDone(saved);
    },
    onError: (e) => showServerErrors(form, e),
  });
  // Chosen codes stay listed even when the current search does not return them.
  const socData = [...new Set([...form.values.targetSocCodes, ...(socOptions.data ?? []).map((o) => o.value)])].map(
    (code) => (socOptions.data ?? []).find((o) => o.value === code) ?? { value: code, label: code },
  );
  const title = program ? t('participants.training.form.editTitle', { name: program.name }) : t('participants.training.form.addTitle');
  return (
    <form noValidate aria-label={title} data-testid="program-form" onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <Stack>
        {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('participants.training.form.name')} required maxLength={200} {...form.getInputProps('name')} />
          <RemoteSelect
            label={t('participants.training.form.provider')}
            description={t('participants.training.form.providerHint')}
            required
            value={form.values.providerOrganizationId || null}
            selected={provider}
            queryKey={['organizations', 'pick']}
            search={searchOrganizations}
            onChange={(o) => {
              setProvider(o);
              form.setFieldValue('providerOrganizationId', o?.value ?? '');
            }}
            error={form.errors.providerOrganizationId}
            testId="provider-select"
          />
          <TextInput
            label={t('participants.training.form.cip')}
            description={t('participants.training.form.cipHint')}
            maxLength={7}
            {...form.getInputProps('cipCode')}
          />
          <MultiSelect
            label={t('participants.training.form.soc')}
            description={t('participants.training.form.socHint')}
            searchable
            maxValues={20}
            data={socData}
            searchValue={socSearch}
            onSearchChange={setSocSearch}
            filter={({ options }) => options}
            {...form.getInputProps('targetSocCodes')}
          />
          <TextInput label={t('participants.training.form.credential')} maxLength={200} {...form.getInputProps('credentialOffered')} />
          <NativeSelect label={t('participants.training.credentialType')} {...form.getInputProps('credentialType')}>
            <option value="">{t('participants.training.form.noCredentialType')}</option>
            {Object.keys(CREDENTIAL_TYPES).map((c) => (
              <option key={c} value={c}>
                {t(`participants.credentialType.${c}`, { defaultValue: c })}
              </option>
            ))}
          </NativeSelect>
          <NumberInput
            label={t('participants.training.form.hours')}
            min={0}
            max={10_000}
            allowDecimal={false}
            {...form.getInputProps('hours')}
          />
          <NumberInput
            label={t('participants.training.form.cost')}
            description={t('participants.training.form.costHint')}
            prefix="$"
            min={0}
            decimalScale={2}
            thousandSeparator=","
            {...form.getInputProps('cost')}
          />
          <NativeSelect label={t('participants.training.form.modality')} required {...form.getInputProps('modality')}>
            {MODALITIES.map((m) => (
              <option key={m} value={m}>
                {t(`participants.training.modality.${m}`)}
              </option>
            ))}
          </NativeSelect>
          <Textarea
            label={t('participants.training.form.schedule')}
            description={t('participants.training.form.scheduleHint')}
            maxLength={500}
            autosize
            minRows={1}
            {...form.getInputProps('schedule')}
          />
        </SimpleGrid>
        {program && <Checkbox label={t('participants.training.form.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {program ? t('participants.training.form.save') : t('participants.training.form.add')}
          </Button>
          <Button variant="default" onClick={() => onDone()}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
