import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EmployerLocation, locationBody } from '../../../shared/schemas/employers.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { searchCounties } from '../organizations/organizations.api.ts';
import { addLocation, changeLocation, removeLocation } from './employers.api.ts';

// An employer's sites (issue 4). A job order may name one, which sets its county for matching and the
// living wage; so the county is required, and a site a job order names cannot be removed until the order
// moves (the server answers location_in_use, shown in the confirmation).

interface Values {
  name: string;
  addressLine1: string;
  city: string;
  stateCode: string;
  postalCode: string;
  countyFips: string;
}
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
const bodyOf = (v: Values) => ({
  name: v.name.trim(),
  addressLine1: orNull(v.addressLine1),
  city: orNull(v.city),
  stateCode: orNull(v.stateCode.toUpperCase()),
  postalCode: orNull(v.postalCode),
  countyFips: v.countyFips,
});

function LocationForm({ employerId, location, onDone }: { employerId: string; location?: EmployerLocation; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [county, setCounty] = useState<Option | null>(
    location ? { value: location.countyFips, label: location.countyName ?? location.countyFips } : null,
  );
  const form = useForm<Values>({
    initialValues: {
      name: location?.name ?? '',
      addressLine1: location?.addressLine1 ?? '',
      city: location?.city ?? '',
      stateCode: location?.stateCode ?? 'OH',
      postalCode: location?.postalCode ?? '',
      countyFips: location?.countyFips ?? '',
    },
    validateInputOnBlur: true,
    validate: (v) => zodErrors(locationBody, bodyOf(v), { stateCode: 'invalid_format' }) as never,
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      location ? changeLocation(employerId, location.id, bodyOf(v)) : addLocation(employerId, bodyOf(v) as never),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['employers', 'one', employerId] });
      onDone();
    },
    onError: (e) => showServerErrors(form, e),
  });
  const label = location ? t('employers.locations.editName', { name: location.name }) : t('employers.locations.add');
  return (
    <form noValidate aria-label={label} onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <TextInput
          label={t('employers.locations.name')}
          description={t('employers.locations.nameHint')}
          required
          {...form.getInputProps('name')}
        />
        <TextInput label={t('employers.locations.address')} {...form.getInputProps('addressLine1')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('employers.locations.city')} {...form.getInputProps('city')} />
          <TextInput
            label={t('employers.locations.state')}
            description={t('employers.locations.stateHint')}
            maxLength={2}
            {...form.getInputProps('stateCode')}
          />
          <TextInput label={t('employers.locations.postalCode')} {...form.getInputProps('postalCode')} />
        </SimpleGrid>
        <RemoteSelect
          label={t('employers.fields.county')}
          description={t('employers.locations.countyHint')}
          required
          value={form.values.countyFips || null}
          selected={county}
          queryKey={['codes', 'counties', 'all']}
          search={(q) => searchCounties(q, form.values.stateCode.length === 2 ? form.values.stateCode.toUpperCase() : null)}
          onChange={(o) => {
            setCounty(o);
            form.setFieldValue('countyFips', o?.value ?? '');
          }}
          error={form.errors.countyFips}
          testId="location-county-select"
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {location ? t('employers.locations.save') : t('employers.locations.add')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('employers.forms.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function LocationsSection({
  employerId,
  locations,
  canManage,
}: {
  employerId: string;
  locations: EmployerLocation[];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="employer-locations">
      <Title order={2} size="h4" id="employer-locations" mb="md">
        {t('employers.locations.title')}
      </Title>
      <Stack>
        {locations.length === 0 ? (
          <EmptyState title={t('employers.locations.emptyTitle')}>
            {canManage ? t('employers.locations.emptyHint') : t('employers.locations.emptyRead')}
          </EmptyState>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {locations.map((l) =>
              editing === l.id ? (
                <Paper key={l.id} component="li" bg="gray.0" p="md">
                  <LocationForm employerId={employerId} location={l} onDone={() => setEditing(null)} />
                </Paper>
              ) : (
                <Group key={l.id} component="li" justify="space-between" align="flex-start" wrap="nowrap">
                  <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    <Text fw={600}>{l.name}</Text>
                    <Text size="sm">
                      {[l.addressLine1, l.city, [l.stateCode, l.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {l.countyName ?? l.countyFips}
                    </Text>
                  </div>
                  {canManage && (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setEditing(l.id)}
                        aria-label={t('employers.locations.editName', { name: l.name })}
                      >
                        {t('employers.forms.edit')}
                      </Button>
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        aria-label={t('employers.locations.removeName', { name: l.name })}
                        title={t('employers.locations.removeTitle', { name: l.name })}
                        message={t('employers.locations.removeMessage')}
                        confirmLabel={t('employers.locations.remove')}
                        onConfirm={async () => {
                          await removeLocation(employerId, l.id);
                          await qc.invalidateQueries({ queryKey: ['employers', 'one', employerId] });
                        }}
                      >
                        {t('employers.locations.remove')}
                      </ConfirmButton>
                    </Group>
                  )}
                </Group>
              ),
            )}
          </Stack>
        )}
        {canManage &&
          (adding ? (
            <Paper bg="gray.0" p="md">
              <LocationForm employerId={employerId} onDone={() => setAdding(false)} />
            </Paper>
          ) : (
            <Group>
              <Button variant="light" onClick={() => setAdding(true)}>
                {t('employers.locations.add')}
              </Button>
            </Group>
          ))}
      </Stack>
    </Paper>
  );
}
