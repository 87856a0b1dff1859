import { Alert, Badge, Button, Checkbox, Group, Radio, Stack, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bulkServiceBody, type Cohort } from '../../../shared/schemas/casework.ts';
import { api } from '../../api/client.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, zodErrors } from '../../ui/forms.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import { Section } from '../participants/sections/common.tsx';
import { emptyService, ServiceFields, type ServiceValues, serviceToBody } from '../participants/sections/ServicesTab.tsx';
import { cohortQuery, type RosterEntry, rosterQuery } from './training.api.ts';

const route = getRouteApi('/app/training/cohorts/$cohortId');

export function CohortPage() {
  const { cohortId } = route.useParams();
  const cohort = useQuery(cohortQuery(cohortId));
  return <QueryState query={cohort}>{(c) => <CohortView c={c} />}</QueryState>;
}

function CohortView({ c }: { c: Cohort }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const roster = useQuery(rosterQuery(c.id));
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <>
      <PageHeader
        title={c.name}
        description={t('participants.cohort.description', {
          program: c.trainingProgramName,
          start: f.date(c.startDate),
          end: c.endDate ? f.date(c.endDate) : '—',
          enrolled: c.enrolled,
          capacity: c.capacity ?? '—',
        })}
      />
      <Section title={t('participants.cohort.roster')}>
        <QueryState query={roster}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={t('participants.cohort.emptyTitle')}>{t('participants.cohort.empty')}</EmptyState>
            ) : (
              <Roster list={list} selected={selected} setSelected={setSelected} selectable={can('participants.manage')} />
            )
          }
        </QueryState>
      </Section>
      {can('participants.manage') && roster.data && roster.data.length > 0 && (
        <BulkService cohortId={c.id} roster={roster.data} selected={selected} />
      )}
    </>
  );
}

function Roster({
  list,
  selected,
  setSelected,
  selectable,
}: {
  list: RosterEntry[];
  selected: string[];
  setSelected: (ids: string[]) => void;
  selectable: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const all = list.every((r) => selected.includes(r.participantId));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped data-testid="roster">
        <Table.Caption className="visually-hidden">{t('participants.cohort.roster')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th scope="col" w={40}>
                <Checkbox
                  aria-label={t('participants.cohort.selectAll')}
                  checked={all}
                  indeterminate={!all && selected.length > 0}
                  onChange={() => setSelected(all ? [] : list.map((r) => r.participantId))}
                />
              </Table.Th>
            )}
            <Table.Th scope="col">{t('participants.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('fields.status')}</Table.Th>
            <Table.Th scope="col">{t('participants.training.dates')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((r) => (
            <Table.Tr key={r.enrollmentId}>
              {selectable && (
                <Table.Td>
                  <Checkbox
                    aria-label={t('participants.cohort.select', { name: `${r.firstName} ${r.lastName}` })}
                    checked={selected.includes(r.participantId)}
                    onChange={(e) =>
                      setSelected(e.currentTarget.checked ? [...selected, r.participantId] : selected.filter((x) => x !== r.participantId))
                    }
                  />
                </Table.Td>
              )}
              <Table.Td>
                <AnchorLink to="/participants/$participantId" params={{ participantId: r.participantId }}>
                  {r.lastName}, {r.firstName}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none" color={r.status === 'completed' ? 'green' : r.status === 'withdrawn' ? 'gray' : 'blue'}>
                  {t(`participants.enrollmentStatus.${r.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {f.date(r.enrolledOn)}
                {r.completedOn && ` → ${f.date(r.completedOn)}`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One service for the whole cohort, or for the people ticked in the roster, in one step. */
function BulkService({ cohortId, roster, selected }: { cohortId: string; roster: RosterEntry[]; selected: string[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [who, setWho] = useState<'cohort' | 'selected'>('cohort');
  const target = (v: ServiceValues) => ({
    ...serviceToBody(v),
    ...(who === 'cohort' ? { cohortId } : { participantIds: selected }),
  });
  const form = useForm<ServiceValues>({ initialValues: emptyService(), validate: (v) => zodErrors(bulkServiceBody, target(v)) });
  const save = useMutation({
    mutationFn: (v: ServiceValues) => api.post<{ created: number }>('/services/bulk', target(v)),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['participant'] });
      void queryClient.invalidateQueries({ queryKey: ['participants'] });
    },
  });
  const count = who === 'cohort' ? roster.length : selected.length;
  return (
    <Section title={t('participants.cohort.bulkTitle')} testId="bulk-service">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          if (count > 0) save.mutate(v);
        }, focusFirstError)}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('participants.cohort.bulkDescription')}
          </Text>
          <Radio.Group label={t('participants.cohort.for')} value={who} onChange={(v) => setWho(v as typeof who)}>
            <Group mt="xs">
              <Radio value="cohort" label={t('participants.cohort.forCohort', { count: roster.length })} />
              <Radio value="selected" label={t('participants.cohort.forSelected', { count: selected.length })} />
            </Group>
          </Radio.Group>
          <ServiceFields form={form} />
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          {save.data && (
            <Alert color="green" role="status" data-testid="bulk-result">
              {t('participants.cohort.bulkDone', { count: save.data.created })}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={count === 0}>
              {t('participants.cohort.bulkSave', { count })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
