import { Alert, Button, Fieldset, Group, NativeSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../shared/roles.ts';
import { type Organization, type OrganizationBody, organizationBody } from '../../../shared/schemas/organizations.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { codeOption, searchCounties, searchNaics } from './organizations.api.ts';
import { US_STATES } from './us-states.ts';

type Values = { [K in Exclude<keyof OrganizationBody, 'kind'>]-?: string } & { kind: OrganizationKind | '' };
const OPTIONAL = [
  'description',
  'ein',
  'naics',
  'email',
  'website',
  'phone',
  'addressLine1',
  'city',
  'stateCode',
  'postalCode',
  'countyFips',
] as const;

function initialValues(o?: Organization): Values {
  const values = { name: o?.name ?? '', kind: o?.kind ?? '' } as Values;
  for (const key of OPTIONAL) values[key] = o?.[key] ?? '';
  return values;
}

/** What the API receives: trimmed text, and null for every optional field left empty. */
function toBody(values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = { name: values.name.trim(), kind: values.kind || undefined };
  for (const key of OPTIONAL) body[key] = values[key].trim() === '' ? null : values[key].trim();
  return body;
}

// The shared schema's format rules, each with a message that says what a good value looks like.
const FORMAT_MESSAGES = {
  ein: 'ein',
  naics: 'naics',
  countyFips: 'county_fips',
  stateCode: 'state_code',
  postalCode: 'postal_code',
  website: 'url',
  email: 'email',
};

export function OrganizationForm({
  organization,
  submitLabel,
  onSave,
  cancelTo,
}: {
  organization?: Organization;
  submitLabel: string;
  onSave: (body: OrganizationBody) => Promise<unknown>;
  cancelTo: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: initialValues(organization),
    validate: (values) => zodErrors(organizationBody, toBody(values), FORMAT_MESSAGES),
  });
  const [naics, setNaics] = useState<Option | null>(
    organization?.naics && organization.naicsTitle ? codeOption(organization.naics, organization.naicsTitle) : null,
  );
  const [county, setCounty] = useState<Option | null>(
    organization?.countyFips && organization.countyName ? codeOption(organization.countyFips, organization.countyName) : null,
  );
  const save = useMutation({
    mutationFn: (values: Values) => onSave(organizationBody.parse(toBody(values))),
    onError: (e) => showServerErrors(form, e),
  });
  const stateCode = form.values.stateCode || null;

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} aria-describedby="org-form-required">
      <Stack gap="lg" maw={760}>
        <Alert variant="light" color="gray" id="org-form-required">
          {t('forms.requiredNote')}
        </Alert>
        {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
        <Fieldset legend={t('organizations.form.about')}>
          <Stack>
            <TextInput label={t('fields.name')} required maxLength={200} {...form.getInputProps('name')} />
            <Select
              label={t('fields.kind')}
              description={t('organizations.form.kindHint')}
              required
              data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`organizationKinds.${k}`) }))}
              {...form.getInputProps('kind')}
              value={form.values.kind || null}
              onChange={(v) => form.setFieldValue('kind', (v ?? '') as Values['kind'])}
              allowDeselect={false}
              data-testid="organization-kind"
            />
            <Textarea label={t('fields.description')} autosize minRows={2} maxLength={2000} {...form.getInputProps('description')} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('organizations.form.identifiers')}>
          <Stack>
            <TextInput
              label={t('fields.ein')}
              description={t('organizations.form.einHint')}
              inputMode="numeric"
              maxLength={10}
              w={{ base: '100%', sm: 240 }}
              {...form.getInputProps('ein')}
            />
            <RemoteSelect
              label={t('fields.naics')}
              description={t('organizations.form.naicsHint')}
              value={form.values.naics || null}
              selected={naics}
              queryKey={['codes', 'naics']}
              search={searchNaics}
              onChange={(option) => {
                setNaics(option);
                form.setFieldValue('naics', option?.value ?? '');
              }}
              error={form.errors.naics}
              testId="naics-select"
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('organizations.form.contact')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.email')} type="email" autoComplete="off" maxLength={254} {...form.getInputProps('email')} />
            <TextInput label={t('fields.phone')} type="tel" maxLength={40} {...form.getInputProps('phone')} />
            <TextInput
              label={t('fields.website')}
              description={t('organizations.form.websiteHint')}
              type="url"
              maxLength={500}
              {...form.getInputProps('website')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('organizations.form.address')}>
          <Stack>
            <TextInput label={t('fields.addressLine1')} maxLength={200} {...form.getInputProps('addressLine1')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('fields.city')} maxLength={100} {...form.getInputProps('city')} />
              <NativeSelect
                label={t('fields.state')}
                value={stateCode ?? ''}
                error={form.errors.stateCode}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  form.setFieldValue('stateCode', v);
                  // A county from another state would be refused: drop it.
                  if (county && v && !county.label.endsWith(`, ${v}`)) {
                    setCounty(null);
                    form.setFieldValue('countyFips', '');
                  }
                }}
                data={[
                  { value: '', label: t('organizations.form.noState') },
                  ...US_STATES.map(([code, name]) => ({ value: code, label: name })),
                ]}
              />
              <TextInput label={t('fields.postalCode')} inputMode="numeric" maxLength={10} {...form.getInputProps('postalCode')} />
            </SimpleGrid>
            <RemoteSelect
              label={t('fields.county')}
              description={t(stateCode ? 'organizations.form.countyHintState' : 'organizations.form.countyHint')}
              value={form.values.countyFips || null}
              selected={county}
              queryKey={['codes', 'counties', stateCode]}
              search={(q) => searchCounties(q, stateCode)}
              onChange={(option) => {
                setCounty(option);
                form.setFieldValue('countyFips', option?.value ?? '');
              }}
              error={form.errors.countyFips}
              testId="county-select"
            />
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" loading={save.isPending}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={cancelTo} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
