import { Badge, Button, CloseButton, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Jurisdiction, workforceAreaBody } from '../../../shared/schemas/initiatives.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FieldMessage, focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { searchCounties } from '../organizations/organizations.api.ts';
import { US_STATES } from '../organizations/us-states.ts';
import { STATE_OF_FIPS } from './InitiativeFormPage.tsx';
import { createWorkforceArea, updateWorkforceArea, type WorkforceAreasSearch, workforceAreasQuery } from './initiatives.api.ts';

// Local workforce development areas: the tenant names them once (code, state, member counties) and
// then uses them in initiative regions, where they stand for their counties.

const route = getRouteApi('/app/workforce-areas');

export function WorkforceAreasPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(workforceAreasQuery(search));
  // null: closed; 'new': defining one; otherwise the area being changed.
  const [editing, setEditing] = useState<Jurisdiction | 'new' | null>(null);
  const manage = can('initiatives.manage');
  const refine = (patch: Partial<WorkforceAreasSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const newButton = manage ? <Button onClick={() => setEditing('new')}>{t('partnership.workforceAreas.new')}</Button> : null;

  return (
    <>
      <PageHeader
        title={t('partnership.workforceAreas.title')}
        description={t('partnership.workforceAreas.description')}
        actions={newButton}
      />
      <Group align="flex-end" mb="md" role="search" aria-label={t('partnership.workforceAreas.searchLabel')}>
        <SearchInput
          label={t('partnership.workforceAreas.search')}
          value={search.q ?? ''}
          onSearch={(q) => refine({ q: q || undefined })}
        />
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            search.q ? (
              <EmptyState
                title={t('partnership.workforceAreas.noMatchesTitle')}
                action={
                  <Button variant="default" onClick={() => refine({ q: undefined })}>
                    {t('common.clearFilters')}
                  </Button>
                }
              >
                {t('partnership.workforceAreas.noMatches')}
              </EmptyState>
            ) : (
              <EmptyState title={t('partnership.workforceAreas.emptyTitle')} action={newButton}>
                {t(manage ? 'partnership.workforceAreas.emptyManage' : 'partnership.workforceAreas.empty')}
              </EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={720}>
                <Table striped aria-busy={list.isFetching} data-testid="workforce-areas-table">
                  <Table.Caption className="visually-hidden">{t('partnership.workforceAreas.title')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('partnership.fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.workforceAreas.code')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.workforceAreas.state')}</Table.Th>
                      <Table.Th scope="col">{t('partnership.workforceAreas.counties')}</Table.Th>
                      {manage && (
                        <Table.Th scope="col">
                          <span className="visually-hidden">{t('partnership.common.actions')}</span>
                        </Table.Th>
                      )}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td fw={600}>{a.name}</Table.Td>
                        <Table.Td>{a.code}</Table.Td>
                        <Table.Td>{a.stateCode}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{a.counties.map((c) => c.name.replace(/, [A-Z]{2}$/, '')).join(', ')}</Text>
                          <Text size="xs" c="dimmed">
                            {t('partnership.initiatives.countiesCount', { count: a.counties.length })}
                          </Text>
                        </Table.Td>
                        {manage && (
                          <Table.Td>
                            <Button
                              size="compact-sm"
                              variant="default"
                              aria-label={t('partnership.workforceAreas.editNamed', { name: a.name })}
                              onClick={() => setEditing(a)}
                            >
                              {t('partnership.initiatives.edit')}
                            </Button>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <ListPagination
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onChange={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
              />
            </>
          )
        }
      </QueryState>
      <Modal.Root opened={editing !== null} onClose={() => setEditing(null)} size="lg" centered>
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header component="div">
            <Modal.Title fw={650} fz="lg">
              {editing === 'new' || editing === null
                ? t('partnership.workforceAreas.newTitle')
                : t('partnership.workforceAreas.editTitle', { name: editing.name })}
            </Modal.Title>
            <Modal.CloseButton aria-label={t('common.close')} />
          </Modal.Header>
          <Modal.Body>
            {editing !== null && (
              <WorkforceAreaForm
                key={editing === 'new' ? 'new' : editing.id}
                area={editing === 'new' ? undefined : editing}
                onDone={() => setEditing(null)}
              />
            )}
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}

interface County {
  fips: string;
  name: string;
}
interface Values {
  code: string;
  name: string;
  stateCode: string;
  counties: County[];
}

const toBody = (v: Values) => ({ code: v.code, name: v.name, stateCode: v.stateCode, countyFips: v.counties.map((c) => c.fips) });

function WorkforceAreaForm({ area, onDone }: { area?: Jurisdiction; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: { code: area?.code ?? '', name: area?.name ?? '', stateCode: area?.stateCode ?? '', counties: area?.counties ?? [] },
    validate: (values) => {
      const errors: Record<string, ReactNode> = zodErrors(workforceAreaBody, toBody(values), { stateCode: 'choose' });
      if (!values.stateCode) errors.stateCode = <FieldMessage code="choose" />;
      if (values.counties.length === 0) errors.counties = <FieldMessage code="required" />;
      else if (values.counties.some((c) => STATE_OF_FIPS[c.fips.slice(0, 2)] !== values.stateCode))
        errors.counties = <FieldMessage code="other_state" />;
      delete errors.countyFips;
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: async (values: Values) => {
      const body = toBody(values);
      return area
        ? updateWorkforceArea(area.id, { name: body.name, stateCode: body.stateCode, countyFips: body.countyFips })
        : createWorkforceArea(body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['jurisdictions'] });
      await queryClient.invalidateQueries({ queryKey: ['initiatives'] });
      onDone();
    },
    onError: (e) => {
      showServerErrors(form, e);
      // A county the server refused belongs to the county list as a whole.
      const err = e as { fieldErrors?: { field: string; code: string }[] };
      const county = err.fieldErrors?.find((f) => f.field.startsWith('body.countyFips'));
      if (county) form.setFieldError('counties', <FieldMessage code={county.code} />);
    },
  });
  const v = form.getValues();
  const countiesError = form.errors.counties;
  const submitLabel = area ? t('partnership.workforceAreas.save') : t('partnership.workforceAreas.create');

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} aria-label={submitLabel}>
      <Stack>
        {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
        <TextInput label={t('partnership.fields.name')} required maxLength={200} data-autofocus {...form.getInputProps('name')} />
        <TextInput
          label={t('partnership.workforceAreas.code')}
          description={area ? t('partnership.workforceAreas.codeFixed') : t('partnership.workforceAreas.codeHint')}
          required
          maxLength={40}
          disabled={Boolean(area)}
          {...form.getInputProps('code')}
        />
        <NativeSelect
          label={t('partnership.workforceAreas.state')}
          required
          data={[
            { value: '', label: t('partnership.initiatives.chooseState') },
            ...US_STATES.map(([code, name]) => ({ value: code, label: name })),
          ]}
          {...form.getInputProps('stateCode')}
        />
        <Paper withBorder p="md" component="fieldset" style={{ borderColor: countiesError ? 'var(--mantine-color-error)' : undefined }}>
          <Text component="legend" fw={600} px={4}>
            {t('partnership.workforceAreas.counties')}{' '}
            <Text span c="red" aria-hidden>
              *
            </Text>
          </Text>
          <RemoteSelect
            label={t('partnership.workforceAreas.addCounty')}
            description={v.stateCode ? t('partnership.workforceAreas.countyHint') : t('partnership.workforceAreas.stateFirst')}
            value={null}
            selected={null}
            disabled={!v.stateCode}
            queryKey={['codes', 'counties', v.stateCode]}
            search={(q) => searchCounties(q, v.stateCode || null)}
            onChange={(o) => {
              if (!o || v.counties.some((c) => c.fips === o.value)) return;
              form.setFieldValue('counties', [...v.counties, { fips: o.value, name: o.label.replace(/^\d{5} — /, '') }]);
              form.clearFieldError('counties');
            }}
            testId="area-county"
          />
          {v.counties.length === 0 ? (
            <Text size="sm" mt="sm" c={countiesError ? 'red.8' : 'dimmed'} role={countiesError ? 'alert' : undefined}>
              {countiesError ?? t('partnership.workforceAreas.noCounties')}
            </Text>
          ) : (
            <>
              <Group
                gap="xs"
                mt="sm"
                component="ul"
                p={0}
                style={{ listStyle: 'none' }}
                aria-label={t('partnership.workforceAreas.counties')}
              >
                {v.counties.map((c) => (
                  <Badge
                    component="li"
                    key={c.fips}
                    variant="light"
                    color={STATE_OF_FIPS[c.fips.slice(0, 2)] === v.stateCode ? 'blue' : 'red'}
                    tt="none"
                    rightSection={
                      <CloseButton
                        size="xs"
                        aria-label={t('partnership.common.remove', { name: c.name })}
                        onClick={() =>
                          form.setFieldValue(
                            'counties',
                            v.counties.filter((x) => x.fips !== c.fips),
                          )
                        }
                      />
                    }
                  >
                    {c.name} ({c.fips})
                  </Badge>
                ))}
              </Group>
              {countiesError && (
                <Text size="sm" mt="xs" c="red.8" role="alert">
                  {countiesError}
                </Text>
              )}
            </>
          )}
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
