import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BODY_KINDS,
  bodyBody,
  type GovernanceBody,
  type Meeting,
  PASSING_RULES,
  type Seat,
  seatBody,
} from '../../../shared/schemas/governance.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FieldMessage, focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { TitledDocumentUpload } from '../initiatives/DocumentUpload.tsx';
import { allInitiativesQuery } from '../initiatives/initiatives.api.ts';
import { searchOrganizations } from '../organizations/organizations.api.ts';
import { searchUsers } from '../strategies/strategies.api.ts';
import { meetingQuery, todayLocal } from './governance.api.ts';

// Governance set-up from the web app (issue 5): bodies with their charter and rules, seats, and
// meeting attachments. The rules themselves are applied by the server (governance.rules.ts).

interface BodyValues {
  name: string;
  kind: string;
  charter: string;
  quorumKind: string;
  quorumValue: string;
  passingRule: string;
  initiativeId: string;
}

export function NewBodyForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initiatives = useQuery(allInitiativesQuery);
  const toBody = (v: BodyValues) => ({
    name: v.name,
    kind: v.kind,
    charter: v.charter,
    quorumRule:
      v.quorumKind === 'majority'
        ? { kind: 'majority' }
        : { kind: v.quorumKind, value: v.quorumValue === '' ? undefined : Number(v.quorumValue) },
    passingRule: v.passingRule,
    initiativeId: v.initiativeId || null,
  });
  const form = useForm<BodyValues>({
    initialValues: {
      name: '',
      kind: 'steering_committee',
      charter: '',
      quorumKind: 'majority',
      quorumValue: '',
      passingRule: 'majority_of_votes_cast',
      initiativeId: '',
    },
    validate: (v) => {
      const errors = zodErrors(bodyBody, toBody(v));
      if (errors['quorumRule.value']) errors.quorumValue = errors['quorumRule.value'];
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (v: BodyValues) => api.post<GovernanceBody>('/governance/bodies', bodyBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (b) => {
      await queryClient.invalidateQueries({ queryKey: ['governance'] });
      onDone();
      await navigate({
        to: '/governance/bodies/$bodyId',
        params: { bodyId: b.id },
        state: { flash: { key: 'partnership.governance.bodyCreated' } },
      });
    },
  });
  const quorumKind = form.getValues().quorumKind;
  return (
    <Paper withBorder p="md" mb="lg" bg="gray.0">
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('partnership.governance.newBody')}>
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Group grow align="flex-start">
            <TextInput label={t('partnership.fields.name')} required maxLength={200} {...form.getInputProps('name')} />
            <NativeSelect
              label={t('governance.fields.bodyKind')}
              data={BODY_KINDS.map((k) => ({ value: k, label: t(`governance.bodyKinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <NativeSelect
              label={t('partnership.initiatives.filter')}
              data={[
                { value: '', label: t('partnership.strategies.noInitiative') },
                ...(initiatives.data?.items ?? []).map((i) => ({ value: i.id, label: i.name })),
              ]}
              {...form.getInputProps('initiativeId')}
            />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label={t('governance.fields.quorumRule')}
              data={[
                { value: 'majority', label: t('governance.quorumRules.majority') },
                { value: 'percent', label: t('partnership.governance.quorumPercent') },
                { value: 'count', label: t('partnership.governance.quorumCount') },
              ]}
              {...form.getInputProps('quorumKind')}
            />
            {quorumKind !== 'majority' && (
              <TextInput
                label={t(
                  quorumKind === 'percent' ? 'partnership.governance.quorumPercentValue' : 'partnership.governance.quorumCountValue',
                )}
                type="number"
                min={1}
                max={quorumKind === 'percent' ? 100 : 1000}
                required
                {...form.getInputProps('quorumValue')}
              />
            )}
            <NativeSelect
              label={t('governance.fields.passingRule')}
              data={PASSING_RULES.map((r) => ({ value: r, label: t(`governance.passingRules.${r}`) }))}
              {...form.getInputProps('passingRule')}
            />
          </Group>
          <Textarea
            label={t('governance.fields.charter')}
            description={t('partnership.governance.charterHint')}
            autosize
            minRows={3}
            maxLength={20_000}
            {...form.getInputProps('charter')}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('partnership.governance.createBody')}
            </Button>
            <Button variant="default" onClick={onDone} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

interface SeatValues {
  userId: string;
  title: string;
  voting: boolean;
  termStartsOn: string;
  termEndsOn: string;
}

export function SeatForm({ bodyId, onDone }: { bodyId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [person, setPerson] = useState<Option | null>(null);
  const [organization, setOrganization] = useState<Option | null>(null);
  const toBody = (v: SeatValues) => ({
    userId: person?.value ?? '',
    organizationId: organization?.value ?? null,
    title: v.title,
    voting: v.voting,
    termStartsOn: v.termStartsOn,
    termEndsOn: v.termEndsOn || null,
  });
  const form = useForm<SeatValues>({
    initialValues: { userId: '', title: '', voting: true, termStartsOn: todayLocal(), termEndsOn: '' },
    validate: (v) => {
      const errors = zodErrors(seatBody, toBody(v));
      if (!person) errors.userId = <FieldMessage code="required" />;
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (v: SeatValues) => api.post<Seat>(`/governance/bodies/${bodyId}/seats`, seatBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['governance'] });
      onDone();
    },
  });
  return (
    <Paper withBorder p="md" mb="md" bg="gray.0">
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('partnership.governance.addSeat')}>
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Group grow align="flex-start">
            <RemoteSelect
              label={t('governance.fields.member')}
              required
              value={person?.value ?? null}
              selected={person}
              queryKey={['users', 'pick']}
              search={searchUsers}
              onChange={setPerson}
              error={form.errors.userId}
            />
            <RemoteSelect
              label={t('governance.fields.represents')}
              value={organization?.value ?? null}
              selected={organization}
              queryKey={['organizations', 'pick']}
              search={searchOrganizations}
              onChange={setOrganization}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('partnership.governance.seatTitle')} maxLength={100} {...form.getInputProps('title')} />
            <TextInput label={t('partnership.governance.termStartsOn')} type="date" required {...form.getInputProps('termStartsOn')} />
            <TextInput label={t('partnership.governance.termEndsOn')} type="date" {...form.getInputProps('termEndsOn')} />
          </Group>
          <Checkbox label={t('partnership.governance.votingSeat')} {...form.getInputProps('voting', { type: 'checkbox' })} />
          <Group>
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('partnership.governance.saveSeat')}
            </Button>
            <Button size="xs" variant="default" onClick={onDone} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function AttachmentUpload({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <TitledDocumentUpload
      action={t('partnership.governance.attach')}
      titleLabel={t('partnership.fields.title')}
      upload={(title, file) => {
        const data = new FormData();
        data.append('title', title);
        data.append('file', file, file.name);
        return api.upload<Meeting>(`/governance/meetings/${meetingId}/attachments`, data);
      }}
      onSaved={(saved) => queryClient.setQueryData(meetingQuery(meetingId).queryKey, saved)}
      testId="attachment-file"
    />
  );
}
