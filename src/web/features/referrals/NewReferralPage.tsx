import { Alert, Button, Checkbox, Group, List, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/schemas/common.ts';
import { DATA_CATEGORIES, type ParticipantSummary } from '../../../shared/schemas/participants.ts';
import { referralBody } from '../../../shared/schemas/referrals.ts';
import { api, isApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import type { DirectorySearch } from '../directory/directory.api.ts';
import { serviceQuery } from '../directory/directory.api.ts';
import { CapacityText, ServiceList } from '../directory/ServiceList.tsx';
import { participantQuery } from '../participants/participants.api.ts';
import { ConsentForm } from '../participants/sections/ConsentTab.tsx';
import { referralQuery, sendReferral } from './referrals.api.ts';

const route = getRouteApi('/app/referrals/new');

const URGENCIES = ['routine', 'soon', 'urgent'] as const;

export function NewReferralPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const participant = useQuery({ ...participantQuery(search.participant ?? ''), enabled: Boolean(search.participant) });
  const participantOption: Option | null =
    search.participant && participant.data
      ? { value: search.participant, label: `${participant.data.firstName} ${participant.data.lastName}` }
      : null;
  const set = (patch: { participant?: string; service?: string }) => navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  return (
    <>
      <PageHeader title={t('directory.newReferral.title')} description={t('directory.newReferral.description')} />
      <Stack>
        <Paper withBorder p="lg" component="section" aria-labelledby="ref-who">
          <Title order={2} size="h4" id="ref-who" mb="md">
            {t('directory.newReferral.who')}
          </Title>
          <RemoteSelect
            label={t('directory.newReferral.participant')}
            required
            value={search.participant ?? null}
            selected={participantOption}
            queryKey={['referrals', 'participants']}
            search={async (q) => {
              const page = await api.get<Page<ParticipantSummary>>('/participants', { q: q || undefined, pageSize: 8 });
              return page.items.map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName} — ${p.ownerOrganizationName}` }));
            }}
            onChange={(o) => set({ participant: o?.value })}
            testId="referral-participant-select"
          />
        </Paper>
        {search.service ? (
          <ChosenService serviceId={search.service} onChange={() => set({ service: undefined })} />
        ) : (
          <ChooseService onChoose={(id) => set({ service: id })} />
        )}
        {search.participant && search.service && <ReferralForm participantId={search.participant} serviceId={search.service} />}
      </Stack>
    </>
  );
}

function ChooseService({ onChoose }: { onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState<DirectorySearch>({});
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="ref-service">
      <Title order={2} size="h4" id="ref-service" mb="md">
        {t('directory.newReferral.chooseService')}
      </Title>
      <ServiceList
        search={search}
        pageSize={5}
        refine={(patch) => setSearch((prev) => ({ ...prev, ...patch, page: undefined }))}
        onPage={(page) => setSearch((prev) => ({ ...prev, page }))}
        action={(s) => (
          <Group gap="sm">
            <Text fw={700}>{s.name}</Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => onChoose(s.id)}
              aria-label={t('directory.newReferral.chooseNamed', { name: s.name })}
            >
              {t('directory.newReferral.choose')}
            </Button>
          </Group>
        )}
      />
    </Paper>
  );
}

function ChosenService({ serviceId, onChange }: { serviceId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const service = useQuery(serviceQuery(serviceId));
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="ref-service">
      <Title order={2} size="h4" id="ref-service" mb="md">
        {t('directory.newReferral.service')}
      </Title>
      {service.isError ? (
        <ErrorAlert error={service.error} />
      ) : (
        <Group justify="space-between" data-testid="chosen-service">
          <Stack gap={2}>
            <Text fw={700}>{service.data?.name ?? '…'}</Text>
            <Text size="sm">{service.data?.organization.name}</Text>
            {service.data && <CapacityText service={service.data} />}
          </Stack>
          <Button variant="default" onClick={onChange}>
            {t('directory.newReferral.changeService')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

function ReferralForm({ participantId, serviceId }: { participantId: string; serviceId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const service = useQuery(serviceQuery(serviceId));
  type V = { reason: string; urgency: (typeof URGENCIES)[number]; notes: string; categories: string[] };
  const toBody = (v: V) => ({
    participantId,
    serviceId,
    reason: v.reason,
    urgency: v.urgency,
    notes: v.notes || undefined,
    categories: v.categories,
  });
  const form = useForm<V>({
    initialValues: { reason: '', urgency: 'routine', notes: '', categories: ['contact'] },
    validate: (v) => zodErrors(referralBody, toBody(v)),
  });
  const send = useMutation({
    mutationFn: (v: V) => sendReferral(referralBody.parse(toBody(v))),
    onError: (e) => {
      if (!(isApiError(e) && e.code === 'consent_required')) showServerErrors(form, e);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(referralQuery(saved.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['referrals', 'list'] });
      await navigate({ to: '/referrals/$referralId', params: { referralId: saved.id } });
    },
  });
  const consentError = isApiError(send.error) && send.error.code === 'consent_required' ? send.error : null;
  // The problem names the organization and exactly the categories the consent lacks (`missing`).
  const missing = consentError?.missing?.categories ?? send.variables?.categories ?? form.values.categories;
  const missingOrg = consentError?.missing?.organizationId ?? service.data?.organization.id ?? '';
  const [recording, setRecording] = useState(false);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="ref-send">
      <Title order={2} size="h4" id="ref-send" mb="md">
        {t('directory.newReferral.send')}
      </Title>
      {consentError && (
        <Alert color="orange" title={t('directory.newReferral.consentTitle')} role="alert" mb="md" data-testid="consent-required">
          <Text size="sm">
            {t('directory.newReferral.consentBody', {
              organization: consentError.missing?.organizationName ?? service.data?.organization.name ?? '',
            })}
          </Text>
          <List size="sm" my="xs">
            {missing.map((c) => (
              <List.Item key={c}>{t(`directory.categories.${c}`, { defaultValue: c })}</List.Item>
            ))}
          </List>
          {recording ? (
            // Recorded here, with exactly what was missing; then the referral goes out as it was written.
            <ConsentForm
              participantId={participantId}
              prefill={{ organizationId: missingOrg, categories: missing }}
              onDone={() => {
                setRecording(false);
                if (send.variables) send.mutate(send.variables);
              }}
              onCancel={() => setRecording(false)}
            />
          ) : (
            <Group gap="md">
              <Button size="sm" onClick={() => setRecording(true)}>
                {t('directory.newReferral.recordConsentPrefilled')}
              </Button>
              <AnchorLink
                to="/participants/$participantId"
                params={{ participantId }}
                search={{ tab: 'consent', consentOrg: missingOrg || undefined, consentCategories: missing.join(',') }}
                size="sm"
              >
                {t('directory.newReferral.recordConsent')}
              </AnchorLink>
            </Group>
          )}
        </Alert>
      )}
      <form noValidate onSubmit={form.onSubmit((v) => send.mutate(v), focusFirstError)} aria-label={t('directory.newReferral.send')}>
        <Stack gap="sm">
          {send.isError && !consentError && <ErrorAlert error={send.error} title={t('forms.notSaved')} />}
          <Textarea
            label={t('directory.referral.reason')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            {...form.getInputProps('reason')}
          />
          <NativeSelect
            label={t('directory.newReferral.urgency')}
            data={URGENCIES.map((u) => ({ value: u, label: t(`directory.urgency.${u}`) }))}
            {...form.getInputProps('urgency')}
          />
          <Textarea label={t('directory.referral.notes')} autosize minRows={2} maxLength={4000} {...form.getInputProps('notes')} />
          <Checkbox.Group
            label={t('directory.newReferral.categories')}
            description={t('directory.newReferral.categoriesHint')}
            required
            {...form.getInputProps('categories')}
          >
            <Group mt="xs">
              {DATA_CATEGORIES.map((c) => (
                <Checkbox key={c} value={c} label={t(`directory.categories.${c}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={send.isPending}>
              {t('directory.newReferral.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
