import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cohortBody, type TrainingProgram } from '../../../shared/schemas/casework.ts';
import { api } from '../../api/client.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { money } from '../participants/labels.tsx';
import { cohortsQuery, programsInInitiativeQuery, programsQuery } from '../participants/participants.api.ts';
import { ProgramForm } from './ProgramForm.tsx';

/** Training programs and their cohorts; the list is short (a partnership runs a handful). */
export function TrainingProgramsPage() {
  const { t } = useTranslation();
  const [initiativeId, setInitiativeId] = useState<string>();
  const programs = useQuery(initiativeId ? programsInInitiativeQuery(initiativeId) : programsQuery);
  const can = usePermissions();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('participants.training.programsTitle')} description={t('participants.training.programsDescription')} />
      <Group mb="md" justify="space-between" align="flex-end">
        <Group role="search" aria-label={t('participants.training.searchPrograms')}>
          <SearchInput label={t('participants.training.searchPrograms')} value={q} onSearch={setQ} />
          <InitiativeFilter value={initiativeId} onChange={setInitiativeId} />
        </Group>
        {can('training.manage') && !adding && (
          <Button
            onClick={() => {
              setFlash(null);
              setAdding(true);
            }}
          >
            {t('participants.training.addProgram')}
          </Button>
        )}
      </Group>
      {flash && (
        <Alert color="green" role="status" mb="md">
          {flash}
        </Alert>
      )}
      {adding && (
        <Paper withBorder p="md" mb="md" component="section" aria-labelledby="add-program">
          <Title order={2} size="h4" id="add-program" mb="sm">
            {t('participants.training.form.addTitle')}
          </Title>
          <ProgramForm
            onDone={(saved) => {
              setAdding(false);
              if (saved) setFlash(t('participants.training.form.added'));
            }}
          />
        </Paper>
      )}
      <QueryState query={programs}>
        {(list) => {
          const shown = list.filter((p) => !q || `${p.name} ${p.provider.name} ${p.cipCode ?? ''}`.toLowerCase().includes(q.toLowerCase()));
          return shown.length === 0 ? (
            <EmptyState title={t('participants.training.noProgramsTitle')}>{t('participants.training.noPrograms')}</EmptyState>
          ) : (
            <Stack data-testid="programs">
              {shown.map((p) => (
                <ProgramCard key={p.id} p={p} />
              ))}
            </Stack>
          );
        }}
      </QueryState>
    </>
  );
}

function ProgramCard({ p }: { p: TrainingProgram }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const cohorts = useQuery(cohortsQuery(p.id));
  const [editing, setEditing] = useState(false);
  const headingId = `program-${p.id}`;
  if (editing) {
    return (
      <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
        <Title order={2} size="h4" id={headingId} mb="sm">
          {t('participants.training.form.editTitle', { name: p.name })}
        </Title>
        <ProgramForm program={p} onDone={() => setEditing(false)} />
      </Paper>
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4" id={headingId}>
          {p.name}
        </Title>
        <Group gap="xs">
          {!p.active && (
            <Badge color="gray" variant="light" tt="none">
              {t('participants.training.inactive')}
            </Badge>
          )}
          {can('training.manage') && (
            <Button
              size="xs"
              variant="default"
              onClick={() => setEditing(true)}
              aria-label={`${t('participants.training.form.edit')}: ${p.name}`}
            >
              {t('participants.training.form.edit')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {[
          p.provider.name,
          p.cipCode && `CIP ${p.cipCode}`,
          p.targetSocCodes.length > 0 && `SOC ${p.targetSocCodes.join(', ')}`,
          p.credentialOffered,
          p.hours !== null && t('participants.training.hoursLine', { hours: p.hours }),
          p.costCents !== null && money(p.costCents, i18n.language),
          t(`participants.training.modality.${p.modality}`),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      <QueryState query={cohorts}>
        {(list) =>
          list.length === 0 ? (
            <Text size="sm">{t('participants.training.noCohorts')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table>
                <Table.Caption className="visually-hidden">{t('participants.training.cohortsOf', { name: p.name })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('participants.fields.cohort')}</Table.Th>
                    <Table.Th scope="col">{t('participants.training.dates')}</Table.Th>
                    <Table.Th scope="col">{t('participants.training.enrolled')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <AnchorLink to="/training/cohorts/$cohortId" params={{ cohortId: c.id }}>
                          {c.name}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>
                        {f.date(c.startDate)}
                        {c.endDate && ` → ${f.date(c.endDate)}`}
                      </Table.Td>
                      <Table.Td>{c.capacity ? `${c.enrolled} / ${c.capacity}` : c.enrolled}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {can('training.manage') && <AddCohort programId={p.id} />}
    </Paper>
  );
}

interface CohortValues {
  name: string;
  startDate: string;
  endDate: string;
  capacity: string;
}

function AddCohort({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const toBody = (v: CohortValues) => ({
    name: v.name.trim(),
    startDate: v.startDate,
    endDate: v.endDate || null,
    capacity: v.capacity.trim() ? Number(v.capacity) : null,
  });
  const form = useForm<CohortValues>({
    initialValues: { name: '', startDate: '', endDate: '', capacity: '' },
    validate: (v) => zodErrors(cohortBody, toBody(v)),
  });
  const save = useMutation({
    mutationFn: (v: CohortValues) => api.post(`/training-programs/${programId}/cohorts`, toBody(v)),
    onSuccess: () => {
      form.reset();
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['training-programs', programId, 'cohorts'] });
    },
    onError: (e) => showServerErrors(form, e),
  });
  if (!open) {
    return (
      <Button size="xs" variant="subtle" mt="xs" onClick={() => setOpen(true)}>
        {t('participants.training.addCohort')}
      </Button>
    );
  }
  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <SimpleGrid cols={{ base: 1, sm: 4 }} mt="sm">
        <TextInput label={t('participants.training.cohortName')} required maxLength={200} {...form.getInputProps('name')} />
        <TextInput type="date" label={t('participants.training.start')} required {...form.getInputProps('startDate')} />
        <TextInput type="date" label={t('participants.training.end')} {...form.getInputProps('endDate')} />
        <TextInput label={t('participants.training.capacity')} inputMode="numeric" {...form.getInputProps('capacity')} />
      </SimpleGrid>
      {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
      <Group mt="sm">
        <Button type="submit" size="xs" loading={save.isPending}>
          {t('participants.training.saveCohort')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
    </form>
  );
}
