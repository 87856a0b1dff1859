import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { establishmentBody, type RegionEstablishment } from '../../../shared/schemas/outcomes.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { usePermissions } from '../auth/session.ts';
import { searchCounties } from '../organizations/organizations.api.ts';
import { establishmentsQuery, removeEstablishments, setEstablishments } from './outcomes.api.ts';

// The region's establishments per county: the denominator of employer penetration. Entered by hand
// from a published source (County Business Patterns, QCEW), for the sector the initiative serves.

interface Values {
  countyFips: string;
  establishments: number | string;
  referenceYear: number | string;
  source: string;
}
const toBody = (v: Values) => ({
  countyFips: v.countyFips,
  establishments: v.establishments === '' ? undefined : Number(v.establishments),
  referenceYear: v.referenceYear === '' ? undefined : Number(v.referenceYear),
  ...(v.source.trim() ? { source: v.source.trim() } : {}),
});

export function EstablishmentsPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const manage = can('outcomes.import');
  const qc = useQueryClient();
  const table = useQuery(establishmentsQuery);
  const [county, setCounty] = useState<Option | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    initialValues: { countyFips: '', establishments: '', referenceYear: new Date().getUTCFullYear() - 2, source: '' },
    validateInputOnBlur: true,
    validate: (v) => zodErrors(establishmentBody, toBody(v)) as never,
  });
  const after = async (data: unknown) => {
    qc.setQueryData(establishmentsQuery.queryKey, data as never);
    await qc.invalidateQueries({ queryKey: ['outcomes', 'indicators'] });
  };
  const save = useMutation({
    mutationFn: (v: Values) => setEstablishments(toBody(v) as never),
    onSuccess: async (data) => {
      await after(data);
      setSaved(true);
    },
    onError: (e) => showServerErrors(form, e),
  });
  const remove = useMutation({ mutationFn: removeEstablishments, onSuccess: after });
  const pick = (row: RegionEstablishment) => {
    setCounty({ value: row.countyFips, label: `${row.countyFips} — ${row.countyName ?? row.countyFips}` });
    form.setValues({
      countyFips: row.countyFips,
      establishments: row.establishments,
      referenceYear: row.referenceYear,
      source: row.source ?? '',
    });
    setSaved(false);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#establishments-form input[inputmode]')?.focus());
  };

  return (
    <>
      <PageHeader title={t('outcomes.establishments.title')} description={t('outcomes.establishments.description')} />
      <Stack>
        <Alert>{t('outcomes.establishments.source')}</Alert>
        {manage && (
          <Paper withBorder p="lg" component="section" aria-labelledby="establishments-set" id="establishments-form">
            <Title order={2} size="h4" id="establishments-set" mb="md">
              {t('outcomes.establishments.set')}
            </Title>
            <form noValidate aria-label={t('outcomes.establishments.set')} onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
              <Stack>
                {save.error && <ErrorAlert error={save.error} />}
                {saved && !save.error && (
                  <Alert color="green" role="status">
                    {t('outcomes.establishments.saved')}
                  </Alert>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                  <RemoteSelect
                    label={t('outcomes.establishments.county')}
                    required
                    value={form.values.countyFips || null}
                    selected={county}
                    queryKey={['codes', 'counties']}
                    search={(q) => searchCounties(q, null)}
                    onChange={(o) => {
                      setCounty(o);
                      setSaved(false);
                      form.setFieldValue('countyFips', o?.value ?? '');
                    }}
                    error={form.errors.countyFips}
                  />
                  <NumberInput
                    label={t('outcomes.establishments.count')}
                    required
                    min={0}
                    allowDecimal={false}
                    thousandSeparator=","
                    {...form.getInputProps('establishments')}
                  />
                  <NumberInput
                    label={t('outcomes.establishments.year')}
                    required
                    min={1990}
                    max={2100}
                    allowDecimal={false}
                    {...form.getInputProps('referenceYear')}
                  />
                  <TextInput
                    label={t('outcomes.establishments.sourceField')}
                    placeholder={t('outcomes.establishments.sourcePlaceholder')}
                    {...form.getInputProps('source')}
                  />
                </SimpleGrid>
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    {t('outcomes.establishments.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
        <Paper withBorder p="lg" component="section" aria-labelledby="establishments-table">
          <Title order={2} size="h4" id="establishments-table" mb="md">
            {t('outcomes.establishments.tableTitle')}
          </Title>
          <QueryState query={table}>
            {(data) =>
              data.items.length === 0 ? (
                <EmptyState title={t('outcomes.establishments.emptyTitle')}>{t('outcomes.establishments.empty')}</EmptyState>
              ) : (
                <Stack gap="xs">
                  <Text fw={600}>{t('outcomes.establishments.total', { n: data.total.toLocaleString() })}</Text>
                  <Table.ScrollContainer minWidth={640}>
                    <Table striped>
                      <Table.Caption className="visually-hidden">{t('outcomes.establishments.tableTitle')}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('outcomes.establishments.county')}</Table.Th>
                          <Table.Th scope="col">{t('outcomes.establishments.count')}</Table.Th>
                          <Table.Th scope="col">{t('outcomes.establishments.year')}</Table.Th>
                          <Table.Th scope="col">{t('outcomes.establishments.sourceField')}</Table.Th>
                          {manage && <Table.Th scope="col">{t('outcomes.establishments.actions')}</Table.Th>}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {data.items.map((row) => {
                          const name = `${row.countyName ?? row.countyFips} (${row.countyFips})`;
                          return (
                            <Table.Tr key={row.countyFips}>
                              <Table.Th scope="row">{name}</Table.Th>
                              <Table.Td>{row.establishments.toLocaleString()}</Table.Td>
                              <Table.Td>{row.referenceYear}</Table.Td>
                              <Table.Td>{row.source ?? '—'}</Table.Td>
                              {manage && (
                                <Table.Td>
                                  <Group gap="xs" wrap="nowrap">
                                    <Button
                                      size="compact-sm"
                                      variant="subtle"
                                      onClick={() => pick(row)}
                                      aria-label={t('outcomes.establishments.edit', { county: name })}
                                    >
                                      {t('outcomes.establishments.editShort')}
                                    </Button>
                                    <ConfirmButton
                                      size="compact-sm"
                                      variant="subtle"
                                      color="red"
                                      aria-label={t('outcomes.establishments.remove', { county: name })}
                                      title={t('outcomes.establishments.remove', { county: name })}
                                      message={t('outcomes.establishments.removeConfirm', { county: name })}
                                      confirmLabel={t('outcomes.establishments.removeShort')}
                                      onConfirm={() => remove.mutateAsync(row.countyFips)}
                                    >
                                      {t('outcomes.establishments.removeShort')}
                                    </ConfirmButton>
                                  </Group>
                                </Table.Td>
                              )}
                            </Table.Tr>
                          );
                        })}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Stack>
              )
            }
          </QueryState>
        </Paper>
      </Stack>
    </>
  );
}
