import { Badge, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_ACTIVITIES, SERVICE_CATEGORIES, serviceBody } from '../../../../shared/schemas/casework.ts';
import type { Participant } from '../../../../shared/schemas/participants.ts';
import { api } from '../../../api/client.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../../ui/forms.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { money, orNull, toCents } from '../labels.tsx';
import { fundingStreamsQuery, servicesQuery, today } from '../participants.api.ts';
import { Section, useParticipantWrite } from './common.tsx';

export interface ServiceValues {
  activity: string;
  serviceDate: string;
  status: string;
  hours: string;
  cost: string;
  fundingStreamId: string;
  note: string;
}

export const emptyService = (): ServiceValues => ({
  activity: '',
  serviceDate: today(),
  status: 'completed',
  hours: '',
  cost: '',
  fundingStreamId: '',
  note: '',
});

export function serviceToBody(v: ServiceValues) {
  return {
    activity: v.activity || undefined,
    serviceDate: v.serviceDate,
    status: v.status,
    hours: v.hours.trim() ? Number(v.hours) : null,
    costCents: toCents(v.cost),
    fundingStreamId: v.fundingStreamId || null,
    note: orNull(v.note),
  };
}

/** The service fields, shared by one participant's log and the cohort's bulk entry. */
export function ServiceFields({ form }: { form: ReturnType<typeof useForm<ServiceValues>> }) {
  const { t } = useTranslation();
  const streams = useQuery(fundingStreamsQuery);
  const activities = Object.entries(SERVICE_ACTIVITIES);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('participants.services.activity')}
          required
          {...form.getInputProps('activity')}
          data-testid="service-activity"
        >
          <option value="">{t('participants.services.chooseActivity')}</option>
          {SERVICE_CATEGORIES.map((c) => (
            <optgroup key={c} label={t(`participants.serviceCategory.${c}`)}>
              {activities
                .filter(([, cat]) => cat === c)
                .map(([a]) => (
                  <option key={a} value={a}>
                    {t(`participants.activity.${a}`)}
                  </option>
                ))}
            </optgroup>
          ))}
        </NativeSelect>
        <TextInput type="date" label={t('participants.services.date')} required {...form.getInputProps('serviceDate')} />
        <NativeSelect label={t('fields.status')} {...form.getInputProps('status')}>
          {(['completed', 'scheduled', 'cancelled'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`participants.serviceStatus.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <TextInput label={t('participants.services.hours')} inputMode="decimal" {...form.getInputProps('hours')} />
        <TextInput label={t('participants.services.cost')} inputMode="decimal" {...form.getInputProps('cost')} />
        <NativeSelect label={t('participants.services.fundingStream')} {...form.getInputProps('fundingStreamId')}>
          <option value="">{t('participants.services.noStream')}</option>
          {(streams.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
      </SimpleGrid>
      <Textarea label={t('participants.services.note')} maxLength={2000} autosize minRows={2} {...form.getInputProps('note')} />
    </>
  );
}

export function ServicesTab({ p }: { p: Participant }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const services = useQuery(servicesQuery(p.id));
  const [adding, setAdding] = useState(false);
  const form = useForm<ServiceValues>({ initialValues: emptyService(), validate: (v) => zodErrors(serviceBody, serviceToBody(v)) });
  const save = useParticipantWrite(
    p.id,
    (v: ServiceValues) => api.post(`/participants/${p.id}/services`, serviceToBody(v)),
    () => {
      form.reset();
      setAdding(false);
    },
  );
  return (
    <Section
      title={t('participants.services.title')}
      actions={
        !adding && (
          <Button size="sm" onClick={() => setAdding(true)}>
            {t('participants.services.add')}
          </Button>
        )
      }
    >
      {adding && (
        <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => showServerErrors(form, e) }), focusFirstError)}>
          <Stack mb="lg">
            {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
            <ServiceFields form={form} />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('participants.services.save')}
              </Button>
              <Button variant="default" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <QueryState query={services}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('participants.services.emptyTitle')}>{t('participants.services.empty')}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped data-testid="services">
                <Table.Caption className="visually-hidden">{t('participants.services.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('participants.services.date')}</Table.Th>
                    <Table.Th scope="col">{t('participants.services.activity')}</Table.Th>
                    <Table.Th scope="col">{t('fields.status')}</Table.Th>
                    <Table.Th scope="col">{t('participants.services.hours')}</Table.Th>
                    <Table.Th scope="col">{t('participants.services.cost')}</Table.Th>
                    <Table.Th scope="col">{t('participants.services.staff')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{f.date(s.serviceDate)}</Table.Td>
                      <Table.Td>
                        {t(`participants.activity.${s.activity}`)}
                        <Text size="xs" c="dimmed">
                          {t(`participants.serviceCategory.${s.category}`)}
                          {!s.qualifying && ` · ${t('participants.services.nonQualifying')}`}
                        </Text>
                        {s.note && <Text size="sm">{s.note}</Text>}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={s.status === 'completed' ? 'green' : s.status === 'scheduled' ? 'blue' : 'gray'}
                          tt="none"
                        >
                          {t(`participants.serviceStatus.${s.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{s.hours === null ? '—' : f.number(s.hours)}</Table.Td>
                      <Table.Td>{money(s.costCents, i18n.language)}</Table.Td>
                      <Table.Td>{s.staffName ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Section>
  );
}
