import { ActionIcon, Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Holiday, type HolidayBody, holidayBody } from '../../../shared/schemas/holidays.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { RemoveButton } from '../../ui/RemoveButton.tsx';
import { usePermissions } from '../auth/session.ts';
import { addHoliday, addUsFederalHolidays, holidaysQuery, removeHoliday } from './directory.api.ts';

// The partnership's holiday calendar. Referral acceptance deadlines, overdue flags, escalation and the
// reports' business-day figures all skip these days, so a referral sent before Thanksgiving is not
// "overdue" on Friday because the receiving agency was closed. A change moves the deadlines of referrals
// still awaiting an answer, and the page says how many.

export function HolidaysPage(): ReactNode {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const manage = can('directory.manage');
  const qc = useQueryClient();
  const [year, setYear] = useState(() => new Date().getUTCFullYear());
  const list = useQuery(holidaysQuery(year));
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['directory', 'holidays'] });
    // Deadlines may have moved: referral pages and home tasks show them.
    await qc.invalidateQueries({ queryKey: ['referrals'] });
    await qc.invalidateQueries({ queryKey: ['home'] });
  };

  const form = useForm<HolidayBody>({
    initialValues: { day: '', name: '' },
    validateInputOnBlur: true,
    validate: (v) => zodErrors(holidayBody, v) as never,
  });
  // Every change says how many deadlines of referrals awaiting an answer it moved (none is said too).
  const moved = (n: number) => (n > 0 ? t('directory.holidays.deadlinesMoved', { count: n }) : t('directory.holidays.noDeadlinesMoved'));
  const add = useMutation({
    mutationFn: addHoliday,
    onSuccess: async (h) => {
      setNotice(`${t('directory.holidays.added', { name: h.name, day: f.date(h.day) })} ${moved(h.deadlinesMoved)}`);
      form.reset();
      const y = Number(h.day.slice(0, 4));
      if (y !== year) setYear(y);
      await refresh();
    },
    onError: (e) => showServerErrors(form, e),
  });
  const federal = useMutation({
    mutationFn: () => addUsFederalHolidays(year),
    onSuccess: async ({ added, deadlinesMoved }) => {
      setNotice(`${t('directory.holidays.federalAdded', { count: added, year })} ${moved(deadlinesMoved)}`);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (h: Holiday) => removeHoliday(h.id),
    onSuccess: async ({ deadlinesMoved }, h) => {
      setNotice(`${t('directory.holidays.removed', { name: h.name, day: f.date(h.day) })} ${moved(deadlinesMoved)}`);
      await refresh();
    },
  });
  const weekday = (iso: string) => new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(iso));

  return (
    <>
      <PageHeader title={t('directory.holidays.title')} description={t('directory.holidays.description')} />
      <Stack>
        {notice && (
          <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)} closeButtonLabel={t('common.dismiss')}>
            {notice}
          </Alert>
        )}
        {manage && (
          <Paper withBorder p="lg" component="section" aria-labelledby="holiday-add">
            <Title order={2} size="h4" id="holiday-add" mb="md">
              {t('directory.holidays.add')}
            </Title>
            <form noValidate aria-label={t('directory.holidays.add')} onSubmit={form.onSubmit((v) => add.mutate(v), focusFirstError)}>
              <Stack>
                {add.error && <ErrorAlert error={add.error} />}
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput type="date" label={t('directory.holidays.day')} required {...form.getInputProps('day')} />
                  <TextInput label={t('directory.holidays.name')} required maxLength={200} {...form.getInputProps('name')} />
                </SimpleGrid>
                <Group>
                  <Button type="submit" loading={add.isPending}>
                    {t('directory.holidays.addButton')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
        <Paper withBorder p="lg" component="section" aria-labelledby="holiday-list">
          <Group justify="space-between" mb="md" wrap="wrap">
            <Title order={2} size="h4" id="holiday-list">
              {t('directory.holidays.listTitle', { year })}
            </Title>
            <Group gap="xs">
              <ActionIcon
                variant="default"
                size="lg"
                onClick={() => setYear((y) => y - 1)}
                aria-label={t('directory.holidays.previousYear')}
              >
                ‹
              </ActionIcon>
              <Text fw={600} aria-live="polite" miw={48} ta="center">
                {year}
              </Text>
              <ActionIcon variant="default" size="lg" onClick={() => setYear((y) => y + 1)} aria-label={t('directory.holidays.nextYear')}>
                ›
              </ActionIcon>
              {manage && (
                <Button variant="light" onClick={() => federal.mutate()} loading={federal.isPending}>
                  {t('directory.holidays.addFederal', { year })}
                </Button>
              )}
            </Group>
          </Group>
          {federal.error && <ErrorAlert error={federal.error} />}
          {remove.error && <ErrorAlert error={remove.error} />}
          <QueryState query={list}>
            {(data) =>
              data.items.length === 0 ? (
                <EmptyState title={t('directory.holidays.emptyTitle', { year })}>
                  {manage ? t('directory.holidays.empty') : t('directory.holidays.emptyReader')}
                </EmptyState>
              ) : (
                <Table.ScrollContainer minWidth={480}>
                  <Table striped>
                    <Table.Caption className="visually-hidden">{t('directory.holidays.listTitle', { year })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('directory.holidays.day')}</Table.Th>
                        <Table.Th scope="col">{t('directory.holidays.weekday')}</Table.Th>
                        <Table.Th scope="col">{t('directory.holidays.name')}</Table.Th>
                        {manage && <Table.Th scope="col">{t('directory.holidays.actions')}</Table.Th>}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((h) => (
                        <Table.Tr key={h.id}>
                          <Table.Td>{f.date(h.day)}</Table.Td>
                          <Table.Td>{weekday(h.day)}</Table.Td>
                          <Table.Th scope="row" fw={500}>
                            {h.name}
                          </Table.Th>
                          {manage && (
                            <Table.Td>
                              <RemoveButton
                                size="compact-sm"
                                label={t('directory.holidays.removeShort')}
                                accessibleName={t('directory.holidays.remove', { name: h.name })}
                                title={t('directory.holidays.remove', { name: h.name })}
                                message={t('directory.holidays.removeConfirm', { name: h.name, day: f.date(h.day) })}
                                onConfirm={() => remove.mutateAsync(h)}
                              />
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </QueryState>
        </Paper>
      </Stack>
    </>
  );
}
