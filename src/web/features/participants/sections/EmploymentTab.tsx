import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BENEFITS, employmentBody } from '../../../../shared/schemas/casework.ts';
import type { Participant } from '../../../../shared/schemas/participants.ts';
import { api } from '../../../api/client.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../../ui/forms.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { money, orNull, toCents } from '../labels.tsx';
import { employmentQuery, today } from '../participants.api.ts';
import { Section, useParticipantWrite } from './common.tsx';

const SOURCES = ['self_report', 'employer_verification', 'wage_record'] as const;

interface JobValues {
  employerName: string;
  employerFein: string;
  jobTitle: string;
  socCode: string;
  naicsCode: string;
  startDate: string;
  endDate: string;
  wage: string;
  hoursPerWeek: string;
  benefits: string[];
  source: string;
  trainingRelated: boolean;
}

function toBody(v: JobValues) {
  return {
    employerName: v.employerName.trim() || undefined,
    employerFein: orNull(v.employerFein),
    jobTitle: orNull(v.jobTitle),
    socCode: orNull(v.socCode),
    naicsCode: orNull(v.naicsCode),
    startDate: v.startDate,
    endDate: orNull(v.endDate),
    hourlyWageCents: toCents(v.wage),
    hoursPerWeek: v.hoursPerWeek.trim() ? Number(v.hoursPerWeek) : null,
    benefits: v.benefits,
    source: v.source || undefined,
    trainingRelated: v.trainingRelated,
  };
}

export function EmploymentTab({ p }: { p: Participant }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const jobs = useQuery(employmentQuery(p.id));
  const [adding, setAdding] = useState(false);
  const form = useForm<JobValues>({
    initialValues: {
      employerName: '',
      employerFein: '',
      jobTitle: '',
      socCode: '',
      naicsCode: '',
      startDate: today(),
      endDate: '',
      wage: '',
      hoursPerWeek: '',
      benefits: [],
      source: 'self_report',
      trainingRelated: false,
    },
    validate: (v) => zodErrors(employmentBody, toBody(v), { employerFein: 'ein', naicsCode: 'naics' }),
  });
  const save = useParticipantWrite(
    p.id,
    (v: JobValues) => api.post(`/participants/${p.id}/employment`, toBody(v)),
    () => {
      form.reset();
      setAdding(false);
    },
  );
  return (
    <Section
      title={t('participants.employment.title')}
      actions={
        p.access.canEdit &&
        !adding && (
          <Button size="sm" onClick={() => setAdding(true)}>
            {t('participants.employment.add')}
          </Button>
        )
      }
    >
      {adding && (
        <form
          noValidate
          onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => showServerErrors(form, e) }), focusFirstError)}
          data-testid="employment-form"
        >
          <Stack mb="lg">
            {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('participants.employment.employer')} required maxLength={200} {...form.getInputProps('employerName')} />
              <TextInput label={t('participants.employment.fein')} maxLength={10} {...form.getInputProps('employerFein')} />
              <TextInput label={t('participants.employment.jobTitle')} maxLength={200} {...form.getInputProps('jobTitle')} />
              <TextInput
                label={t('participants.employment.soc')}
                description={t('participants.employment.socHint')}
                maxLength={7}
                {...form.getInputProps('socCode')}
              />
              <TextInput label={t('participants.employment.naics')} maxLength={6} {...form.getInputProps('naicsCode')} />
              <NativeSelect label={t('participants.employment.source')} required {...form.getInputProps('source')}>
                {SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {t(`participants.employment.sources.${s}`)}
                  </option>
                ))}
              </NativeSelect>
              <TextInput type="date" label={t('participants.employment.start')} required {...form.getInputProps('startDate')} />
              <TextInput type="date" label={t('participants.employment.end')} {...form.getInputProps('endDate')} />
              <TextInput label={t('participants.employment.wage')} inputMode="decimal" {...form.getInputProps('wage')} />
              <TextInput label={t('participants.employment.hours')} inputMode="decimal" {...form.getInputProps('hoursPerWeek')} />
            </SimpleGrid>
            <Checkbox.Group label={t('participants.employment.benefits')} {...form.getInputProps('benefits')}>
              <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
                {BENEFITS.map((b) => (
                  <Checkbox key={b} value={b} label={t(`participants.employment.benefit.${b}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox
              label={t('participants.employment.trainingRelated')}
              {...form.getInputProps('trainingRelated', { type: 'checkbox' })}
            />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('participants.employment.save')}
              </Button>
              <Button variant="default" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <QueryState query={jobs}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('participants.employment.emptyTitle')}>{t('participants.employment.empty')}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped data-testid="employment">
                <Table.Caption className="visually-hidden">{t('participants.employment.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('participants.employment.employer')}</Table.Th>
                    <Table.Th scope="col">{t('participants.employment.jobTitle')}</Table.Th>
                    <Table.Th scope="col">{t('participants.employment.dates')}</Table.Th>
                    <Table.Th scope="col">{t('participants.employment.wage')}</Table.Th>
                    <Table.Th scope="col">{t('participants.employment.source')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((j) => (
                    <Table.Tr key={j.id}>
                      <Table.Td>
                        {j.employerName}
                        {j.employerFein && (
                          <Text size="xs" c="dimmed">
                            FEIN {j.employerFein}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {j.jobTitle ?? '—'}
                        {j.socCode && (
                          <Text size="xs" c="dimmed">
                            SOC {j.socCode}
                            {j.socTitle && ` ${j.socTitle}`}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {f.date(j.startDate)}
                        {j.endDate ? ` → ${f.date(j.endDate)}` : ` → ${t('participants.employment.current')}`}
                      </Table.Td>
                      <Table.Td>
                        {money(j.hourlyWageCents, i18n.language)}
                        {j.hoursPerWeek !== null && ` · ${t('participants.employment.hoursShort', { hours: j.hoursPerWeek })}`}
                      </Table.Td>
                      <Table.Td>{t(`participants.employment.sources.${j.source}`)}</Table.Td>
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
