import { Button, CopyButton, Grid, Group, NumberInput, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type DirectoryServiceDetail, directoryServicePatch } from '../../../shared/schemas/directory.ts';
import { Detail } from '../../ui/Detail.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { useMe, usePermissions } from '../auth/session.ts';
import { hsdsServiceQuery, patchService, serviceQuery, settingsQuery, verifyService } from './directory.api.ts';
import { CapacityText, VerifiedBadge } from './ServiceList.tsx';

const route = getRouteApi('/app/directory/services/$serviceId');

// The HSDS document is open-ended: read only the fields this page shows, and tolerate any of them missing.
type Doc = Record<string, unknown>;
const list = (v: unknown): Doc[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Doc[]) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null);

export function ServicePage() {
  const { serviceId } = route.useParams();
  const service = useQuery(serviceQuery(serviceId));
  return <QueryState query={service}>{(s) => <ServiceView service={s} />}</QueryState>;
}

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function ServiceView({ service: s }: { service: DirectoryServiceDetail }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const me = useMe();
  const settings = useQuery(settingsQuery);
  const full = useQuery(hsdsServiceQuery(me.tenant.slug, s.id, settings.data?.hsdsPublic === true));
  // The service row alone lacks its locations, schedules and phones; the HSDS document has them all.
  const doc = full.data ?? s.hsds;
  const locations = list(doc.service_at_locations).map((sal) => (sal.location ?? {}) as Doc);
  const schedules = list(doc.schedules);
  const phones = list(doc.phones);
  const costs = list(doc.cost_options);
  const documents = list(doc.required_documents);
  const areas = list(doc.service_areas);
  const ages =
    s.minimumAge !== null || s.maximumAge !== null ? t('directory.ages', { min: s.minimumAge ?? 0, max: s.maximumAge ?? '—' }) : null;
  return (
    <>
      <PageHeader
        title={s.name}
        description={
          <Group gap="xs" component="span">
            <Text span>{s.organization.name}</Text>
            <VerifiedBadge service={s} />
          </Group>
        }
        actions={
          can('referrals.send') && (
            <ButtonLink to="/referrals/new" search={{ service: s.id }}>
              {t('directory.referHere')}
            </ButtonLink>
          )
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: s.canEdit ? 7 : 9 }}>
          <Stack>
            <Card id="service-details" title={t('directory.details')}>
              <dl className="details" data-testid="service-details">
                <Detail label={t('directory.fields.description')}>
                  {s.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{s.description}</Text>}
                </Detail>
                <Detail label={t('directory.fields.status')}>{s.status}</Detail>
                <Detail label={t('directory.fields.capacity')}>
                  <CapacityText service={s} />
                </Detail>
                <Detail label={t('directory.fields.eligibility')}>
                  {[ages, ...s.populations.map((p) => t(`directory.populations.${p}`, { defaultValue: p }))].filter(Boolean).join(' · ')}
                </Detail>
                <Detail label={t('directory.fields.languages')}>{s.languages.join(', ')}</Detail>
                <Detail label={t('directory.fields.cost')}>
                  {costs.length > 0
                    ? costs
                        .map((c) =>
                          [str(c.option), Number(c.amount) > 0 ? `${str(c.amount)} ${str(c.currency) ?? ''}` : null]
                            .filter(Boolean)
                            .join(': '),
                        )
                        .join('; ')
                    : s.free
                      ? t('directory.free')
                      : t('directory.paid')}
                </Detail>
                <Detail label={t('directory.fields.applicationProcess')}>{str(doc.application_process)}</Detail>
                <Detail label={t('directory.fields.requiredDocuments')}>
                  {documents.length > 0
                    ? documents
                        .map((d) => str(d.document))
                        .filter(Boolean)
                        .join('; ')
                    : t('directory.none')}
                </Detail>
                <Detail label={t('directory.fields.serviceAreas')}>
                  {areas
                    .map((a) => str(a.name))
                    .filter(Boolean)
                    .join(', ')}
                </Detail>
              </dl>
            </Card>
            <Card id="service-where" title={t('directory.whereWhen')}>
              <dl className="details" data-testid="service-where">
                <Detail label={t('directory.fields.locations')}>
                  {locations.length > 0 && (
                    <Stack gap={4}>
                      {locations.map((l, i) => {
                        const address = list(l.addresses)[0];
                        return (
                          <Text key={str(l.id) ?? i}>
                            {str(l.name)}
                            {address &&
                              ` — ${[address.address_1, address.city, address.state_province, address.postal_code].map(str).filter(Boolean).join(', ')}`}
                          </Text>
                        );
                      })}
                    </Stack>
                  )}
                </Detail>
                <Detail label={t('directory.fields.schedules')}>
                  {schedules.length > 0 && (
                    <Stack gap={4}>
                      {schedules.map((sc, i) => (
                        <Text key={str(sc.id) ?? i}>
                          {str(sc.description) ?? [str(sc.byday), str(sc.opens_at), str(sc.closes_at)].filter(Boolean).join(' ')}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Detail>
                <Detail label={t('directory.fields.phones')}>
                  {phones.length > 0 && (
                    <Stack gap={4}>
                      {phones.map((p, i) => (
                        <a key={str(p.id) ?? i} href={`tel:${str(p.number) ?? ''}`}>
                          {str(p.number)}
                        </a>
                      ))}
                    </Stack>
                  )}
                </Detail>
              </dl>
            </Card>
          </Stack>
        </Grid.Col>
        {s.canEdit && (can('directory.maintain') || can('directory.manage')) && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <MaintainCard service={s} />
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}

function MaintainCard({ service: s }: { service: DirectoryServiceDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const saved = async (next: DirectoryServiceDetail) => {
    queryClient.setQueryData(serviceQuery(s.id).queryKey, next);
    await queryClient.invalidateQueries({ queryKey: ['directory', 'services'] });
  };
  type V = { openSlots: number | string; waitlist: number | string };
  const toBody = (v: V) => ({
    openSlots: v.openSlots === '' ? null : Number(v.openSlots),
    waitlist: v.waitlist === '' ? null : Number(v.waitlist),
  });
  const form = useForm<V>({
    initialValues: { openSlots: s.openSlots ?? '', waitlist: s.waitlist ?? '' },
    validate: (v) => zodErrors(directoryServicePatch, toBody(v)),
  });
  const save = useMutation({
    mutationFn: (v: V) => patchService(s.id, directoryServicePatch.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: saved,
  });
  const verify = useMutation({ mutationFn: () => verifyService(s.id), onSuccess: saved });
  return (
    <Card id="service-maintain" title={t('directory.maintain')}>
      <Stack>
        <Text size="sm">{t('directory.lastVerified', { date: s.verifiedAt ? f.date(s.verifiedAt) : t('directory.never') })}</Text>
        {verify.isError && <ErrorAlert error={verify.error} title={t('forms.notSaved')} />}
        <Group>
          <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending} data-testid="verify-service">
            {t('directory.verify')}
          </Button>
        </Group>
        <SelfReferralSetting service={s} onSaved={saved} />
        <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('directory.capacityForm')}>
          <Stack gap="sm">
            {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
            <Group grow align="flex-start">
              <NumberInput
                label={t('directory.openSlots')}
                min={0}
                max={100000}
                allowDecimal={false}
                {...form.getInputProps('openSlots')}
              />
              <NumberInput label={t('directory.waitlist')} min={0} max={100000} allowDecimal={false} {...form.getInputProps('waitlist')} />
            </Group>
            <Text size="xs" c="dimmed">
              {t('directory.capacityHint')}
            </Text>
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('directory.saveCapacity')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/** Self-referral on or off, and the public form's address to put on flyers and websites. */
function SelfReferralSetting({
  service: s,
  onSaved,
}: {
  service: DirectoryServiceDetail;
  onSaved: (next: DirectoryServiceDetail) => Promise<void>;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const toggle = useMutation({ mutationFn: (on: boolean) => patchService(s.id, { selfReferral: on }), onSuccess: onSaved });
  const link = `${window.location.origin}/apply/${me.tenant.slug}/${s.id}`;
  return (
    <Stack gap="xs" data-testid="self-referral-setting">
      {toggle.isError && <ErrorAlert error={toggle.error} title={t('forms.notSaved')} />}
      <Switch
        label={t('selfReferral.service.accepts')}
        description={t('selfReferral.service.acceptsHelp')}
        checked={s.selfReferral}
        disabled={toggle.isPending}
        onChange={(e) => toggle.mutate(e.currentTarget.checked)}
      />
      {s.selfReferral && (
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label={t('selfReferral.service.link')}
            value={link}
            readOnly
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy} aria-live="polite">
                {copied ? t('selfReferral.service.copied') : t('selfReferral.service.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      )}
    </Stack>
  );
}
