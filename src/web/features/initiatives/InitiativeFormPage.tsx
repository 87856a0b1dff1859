import { Badge, Button, CloseButton, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INITIATIVE_STATUSES,
  type Initiative,
  type InitiativeBody,
  initiativeBody,
  JURISDICTION_KINDS,
} from '../../../shared/schemas/initiatives.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FieldMessage, focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { codeOption, searchCounties, searchNaics } from '../organizations/organizations.api.ts';
import { US_STATES } from '../organizations/us-states.ts';
import { createInitiative, initiativeQuery, searchWorkforceAreas, updateInitiative } from './initiatives.api.ts';

type Kind = (typeof JURISDICTION_KINDS)[number];
interface Place {
  kind: Kind;
  code: string;
  label: string;
}

interface Values {
  name: string;
  sector: string;
  description: string;
  goals: string;
  startsOn: string;
  endsOn: string;
  status: Initiative['status'];
  naicsCodes: Option[];
  region: Place[];
}

const toBody = (v: Values) => ({
  name: v.name,
  sector: v.sector,
  naicsCodes: v.naicsCodes.map((o) => o.value),
  description: v.description,
  // One goal a line: the simplest list editor there is, and it pastes from a document.
  goals: v.goals
    .split('\n')
    .map((g) => g.trim())
    .filter(Boolean),
  startsOn: v.startsOn,
  endsOn: v.endsOn || null,
  status: v.status,
  region: v.region.map(({ kind, code }) => ({ kind, code })),
});

function valuesOf(i: Initiative | undefined): Values {
  return {
    name: i?.name ?? '',
    sector: i?.sector ?? '',
    description: i?.description ?? '',
    goals: i?.goals.join('\n') ?? '',
    startsOn: i?.startsOn ?? '',
    endsOn: i?.endsOn ?? '',
    status: i?.status ?? 'planning',
    naicsCodes: i?.naicsCodes.map((c) => codeOption(c.code, c.title ?? '')) ?? [],
    region: i?.region.map((j) => ({ kind: j.kind, code: j.code, label: placeLabel(j.kind, j.code, j.name) })) ?? [],
  };
}

function placeLabel(kind: Kind, code: string, name: string) {
  return kind === 'county' ? `${name} (${code})` : name;
}

/** The first error under a path ("goals.2" shows on the goals box). */
const errorUnder = (errors: Record<string, ReactNode>, path: string) =>
  Object.entries(errors).find(([k]) => k === path || k.startsWith(`${path}.`))?.[1];

export function InitiativeNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <PageHeader title={t('partnership.initiatives.newTitle')} description={t('partnership.initiatives.newDescription')} />
      <InitiativeForm
        submitLabel={t('partnership.initiatives.create')}
        onCancel={() => navigate({ to: '/initiatives' })}
        onSave={async (body) => {
          const created = await createInitiative(body);
          await queryClient.invalidateQueries({ queryKey: ['initiatives'] });
          await navigate({
            to: '/initiatives/$initiativeId',
            params: { initiativeId: created.id },
            state: { flash: { key: 'partnership.initiatives.created', values: { name: created.name } } },
          });
        }}
      />
    </>
  );
}

const editRoute = getRouteApi('/app/initiatives/$initiativeId/edit');

export function InitiativeEditPage() {
  const { t } = useTranslation();
  const { initiativeId } = editRoute.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initiative = useQuery(initiativeQuery(initiativeId));
  const back = () => navigate({ to: '/initiatives/$initiativeId', params: { initiativeId } });
  return (
    <QueryState query={initiative}>
      {(i) => (
        <>
          <PageHeader title={t('partnership.initiatives.editTitle', { name: i.name })} />
          <InitiativeForm
            initiative={i}
            submitLabel={t('forms.saveChanges')}
            onCancel={back}
            onSave={async (body) => {
              const saved = await updateInitiative(initiativeId, body);
              queryClient.setQueryData(initiativeQuery(initiativeId).queryKey, saved);
              await queryClient.invalidateQueries({ queryKey: ['initiatives'] });
              await navigate({
                to: '/initiatives/$initiativeId',
                params: { initiativeId },
                state: { flash: { key: 'partnership.initiatives.saved' } },
              });
            }}
          />
        </>
      )}
    </QueryState>
  );
}

function InitiativeForm({
  initiative,
  submitLabel,
  onCancel,
  onSave,
}: {
  initiative?: Initiative;
  submitLabel: string;
  onCancel: () => void;
  onSave: (body: InitiativeBody) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: valuesOf(initiative),
    validate: (values) => {
      const errors = zodErrors(initiativeBody, toBody(values));
      // An empty list is a field to fill in, not "too few items".
      if (values.naicsCodes.length === 0) errors.naicsCodes = <FieldMessage code="required" />;
      if (values.region.length === 0) errors.region = <FieldMessage code="required" />;
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => onSave(initiativeBody.parse(toBody(values))),
    onError: (e) => showServerErrors(form, e),
  });
  const v = form.getValues();
  const addNaics = (o: Option | null) => {
    if (o && !v.naicsCodes.some((x) => x.value === o.value)) form.setFieldValue('naicsCodes', [...v.naicsCodes, o]);
  };
  const addPlace = (p: Place) => {
    if (!v.region.some((x) => x.kind === p.kind && x.code === p.code)) form.setFieldValue('region', [...v.region, p]);
  };
  const states = new Set(
    v.region.flatMap((p) => (p.kind === 'state' ? [p.code] : p.kind === 'county' ? [STATE_OF_FIPS[p.code.slice(0, 2)] ?? ''] : [])),
  );
  states.delete('');

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} aria-label={submitLabel}>
      <Stack maw={760}>
        {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
        <TextInput label={t('partnership.fields.name')} required maxLength={200} {...form.getInputProps('name')} />
        <TextInput
          label={t('partnership.fields.sector')}
          description={t('partnership.initiatives.sectorHint')}
          required
          maxLength={100}
          {...form.getInputProps('sector')}
        />
        <div>
          <RemoteSelect
            label={t('partnership.fields.naics')}
            description={t('partnership.initiatives.naicsHint')}
            required
            value={null}
            selected={null}
            queryKey={['codes', 'naics']}
            search={searchNaics}
            onChange={addNaics}
            error={errorUnder(form.errors, 'naicsCodes')}
            testId="initiative-naics"
          />
          <Chips
            label={t('partnership.fields.naics')}
            items={v.naicsCodes.map((o) => ({ key: o.value, label: o.label }))}
            onRemove={(key) =>
              form.setFieldValue(
                'naicsCodes',
                v.naicsCodes.filter((o) => o.value !== key),
              )
            }
          />
        </div>
        <RegionPicker
          places={v.region}
          onAdd={addPlace}
          onRemove={(p) =>
            form.setFieldValue(
              'region',
              v.region.filter((x) => !(x.kind === p.kind && x.code === p.code)),
            )
          }
          error={errorUnder(form.errors, 'region')}
          states={[...states].sort()}
        />
        <Textarea
          label={t('partnership.fields.goals')}
          description={t('partnership.initiatives.goalsHint')}
          autosize
          minRows={3}
          {...form.getInputProps('goals')}
          error={errorUnder(form.errors, 'goals')}
        />
        <Textarea
          label={t('partnership.fields.description')}
          autosize
          minRows={2}
          maxLength={4000}
          {...form.getInputProps('description')}
        />
        <Group grow align="flex-start">
          <TextInput label={t('partnership.fields.startsOn')} type="date" required {...form.getInputProps('startsOn')} />
          <TextInput label={t('partnership.fields.endsOn')} type="date" {...form.getInputProps('endsOn')} />
          <NativeSelect
            label={t('partnership.fields.status')}
            data={INITIATIVE_STATUSES.map((s) => ({ value: s, label: t(`partnership.initiativeStatus.${s}`) }))}
            {...form.getInputProps('status')}
          />
        </Group>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Chosen values as a list of removable badges. */
function Chips({ label, items, onRemove }: { label: string; items: { key: string; label: string }[]; onRemove: (key: string) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Group gap="xs" mt="xs" component="ul" p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {items.map((o) => (
        <Badge
          component="li"
          key={o.key}
          variant="light"
          tt="none"
          rightSection={
            <CloseButton size="xs" aria-label={t('partnership.common.remove', { name: o.label })} onClick={() => onRemove(o.key)} />
          }
        >
          {o.label}
        </Badge>
      ))}
    </Group>
  );
}

function RegionPicker({
  places,
  onAdd,
  onRemove,
  error,
  states,
}: {
  places: Place[];
  onAdd: (p: Place) => void;
  onRemove: (p: Place) => void;
  error: ReactNode;
  states: string[];
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('county');
  const [state, setState] = useState('');
  return (
    <Paper withBorder p="md" component="fieldset" style={{ borderColor: error ? 'var(--mantine-color-error)' : undefined }}>
      <Text component="legend" fw={600} px={4}>
        {t('partnership.fields.region')}{' '}
        <Text span c="red" aria-hidden>
          *
        </Text>
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('partnership.initiatives.regionHint')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('partnership.initiatives.placeKind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as Kind)}
          data={JURISDICTION_KINDS.map((k) => ({ value: k, label: t(`partnership.jurisdictionKinds.${k}`) }))}
        />
        <div style={{ flex: 1, minWidth: 260 }}>
          {kind === 'county' && (
            <RemoteSelect
              label={t('partnership.initiatives.addCounty')}
              value={null}
              selected={null}
              queryKey={['codes', 'counties']}
              search={(q) => searchCounties(q, null)}
              onChange={(o) => o && onAdd({ kind: 'county', code: o.value, label: o.label.replace(/^(\d{5}) — (.*)$/, '$2 ($1)') })}
              testId="region-county"
            />
          )}
          {kind === 'workforce_area' && (
            <RemoteSelect
              label={t('partnership.initiatives.addWorkforceArea')}
              description={t('partnership.initiatives.workforceAreaHint')}
              value={null}
              selected={null}
              queryKey={['jurisdictions', 'workforce_area']}
              search={searchWorkforceAreas}
              onChange={(o) => o && onAdd({ kind: 'workforce_area', code: o.value, label: o.label })}
            />
          )}
          {kind === 'state' && (
            <Group align="flex-end">
              <NativeSelect
                label={t('partnership.initiatives.addState')}
                value={state}
                onChange={(e) => setState(e.currentTarget.value)}
                data={[
                  { value: '', label: t('partnership.initiatives.chooseState') },
                  ...US_STATES.map(([code, name]) => ({ value: code, label: name })),
                ]}
              />
              <Button
                variant="default"
                disabled={!state}
                onClick={() => {
                  const name = US_STATES.find(([c]) => c === state)?.[1] ?? state;
                  onAdd({ kind: 'state', code: state, label: name });
                  setState('');
                }}
              >
                {t('partnership.initiatives.addStateButton')}
              </Button>
            </Group>
          )}
        </div>
      </Group>
      {places.length === 0 ? (
        <Text size="sm" mt="sm" c={error ? 'red.8' : 'dimmed'} role={error ? 'alert' : undefined} data-invalid={error ? true : undefined}>
          {t('partnership.initiatives.regionEmpty')}
        </Text>
      ) : (
        <>
          <Group
            gap="xs"
            mt="sm"
            component="ul"
            p={0}
            style={{ listStyle: 'none' }}
            aria-label={t('partnership.fields.region')}
            data-testid="region-list"
          >
            {places.map((p) => (
              <Badge
                component="li"
                key={`${p.kind}:${p.code}`}
                variant="light"
                color={p.kind === 'state' ? 'grape' : p.kind === 'workforce_area' ? 'teal' : 'blue'}
                tt="none"
                rightSection={
                  <CloseButton size="xs" aria-label={t('partnership.common.remove', { name: p.label })} onClick={() => onRemove(p)} />
                }
              >
                {t(`partnership.jurisdictionKinds.${p.kind}`)}: {p.label}
              </Badge>
            ))}
          </Group>
          {states.length > 1 && (
            <Text size="sm" mt="xs">
              {t('partnership.initiatives.crossesStates', { states: states.join(', ') })}
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}

// State postal codes by the first two FIPS digits, so the form can say a region crosses state lines
// before saving (the server says the same, from its own data, once saved).
export const STATE_OF_FIPS: Record<string, string> = {
  '01': 'AL',
  '02': 'AK',
  '04': 'AZ',
  '05': 'AR',
  '06': 'CA',
  '08': 'CO',
  '09': 'CT',
  '10': 'DE',
  '11': 'DC',
  '12': 'FL',
  '13': 'GA',
  '15': 'HI',
  '16': 'ID',
  '17': 'IL',
  '18': 'IN',
  '19': 'IA',
  '20': 'KS',
  '21': 'KY',
  '22': 'LA',
  '23': 'ME',
  '24': 'MD',
  '25': 'MA',
  '26': 'MI',
  '27': 'MN',
  '28': 'MS',
  '29': 'MO',
  '30': 'MT',
  '31': 'NE',
  '32': 'NV',
  '33': 'NH',
  '34': 'NJ',
  '35': 'NM',
  '36': 'NY',
  '37': 'NC',
  '38': 'ND',
  '39': 'OH',
  '40': 'OK',
  '41': 'OR',
  '42': 'PA',
  '44': 'RI',
  '45': 'SC',
  '46': 'SD',
  '47': 'TN',
  '48': 'TX',
  '49': 'UT',
  '50': 'VT',
  '51': 'VA',
  '53': 'WA',
  '54': 'WV',
  '55': 'WI',
  '56': 'WY',
  '72': 'PR',
};
