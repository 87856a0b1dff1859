import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { declarationBody, INTEREST_KINDS, type InterestKind } from '../../../shared/schemas/governance.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { useMe, usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';
import { searchOrganizations } from '../organizations/organizations.api.ts';
import {
  affirmDeclarations,
  type DeclarationsSearch,
  declarationStatusQuery,
  declarationsQuery,
  declare,
  endDeclaration,
  todayLocal,
} from './governance.api.ts';

const route = getRouteApi('/app/governance/declarations');

export function DeclarationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const me = useMe();
  const queryClient = useQueryClient();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(declarationsQuery(search));
  const [declaring, setDeclaring] = useState(false);
  const [declared, setDeclared] = useState<string | null>(null);
  const filtered = Boolean(search.q || search.active || search.initiativeId);
  const refine = (patch: Partial<DeclarationsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['governance'] });
    await queryClient.invalidateQueries({ queryKey: ['home'] });
  };

  return (
    <>
      <PageHeader
        title={t('governance.declarations.title')}
        description={t(can('governance.manage') ? 'governance.declarations.descriptionManage' : 'governance.declarations.description')}
        actions={
          !declaring && (
            <Button
              onClick={() => {
                setDeclared(null);
                setDeclaring(true);
              }}
              data-testid="declare-interest"
            >
              {t('governance.declarations.declare')}
            </Button>
          )
        }
      />
      <Stack>
        <StatusCard />
        {declared && (
          <Alert
            color="green"
            variant="light"
            role="status"
            withCloseButton
            closeButtonLabel={t('common.dismiss')}
            onClose={() => setDeclared(null)}
          >
            {t('governance.declarations.done', { organization: declared })}
          </Alert>
        )}
        {declaring && (
          <DeclareForm
            onDone={async (saved) => {
              setDeclaring(false);
              if (saved) {
                setDeclared(saved);
                await refresh();
              }
            }}
          />
        )}
        <Group align="flex-end" role="search" aria-label={t('governance.declarations.searchLabel')}>
          <SearchInput label={t('governance.declarations.search')} value={search.q ?? ''} onSearch={(q) => refine({ q: q || undefined })} />
          <FilterSelect
            label={t('fields.status')}
            allLabel={t('governance.declarations.allStatuses')}
            value={search.active}
            options={[
              { value: 'true', label: t('governance.declarations.active') },
              { value: 'false', label: t('governance.declarations.ended') },
            ]}
            onChange={(active) => refine({ active })}
          />
          <InitiativeFilter value={search.initiativeId} onChange={(initiativeId) => refine({ initiativeId })} />
        </Group>
        <QueryState query={list}>
          {(data) =>
            data.items.length === 0 ? (
              filtered ? (
                <EmptyState
                  title={t('governance.declarations.noMatchesTitle')}
                  action={
                    <Button variant="default" onClick={() => refine({ q: undefined, active: undefined, initiativeId: undefined })}>
                      {t('common.clearFilters')}
                    </Button>
                  }
                >
                  {t('governance.declarations.noMatches')}
                </EmptyState>
              ) : (
                <EmptyState title={t('governance.declarations.emptyTitle')}>{t('governance.declarations.empty')}</EmptyState>
              )
            ) : (
              <>
                <Table.ScrollContainer minWidth={720}>
                  <Table striped aria-busy={list.isFetching} data-testid="declarations-table">
                    <Table.Caption className="visually-hidden">{t('governance.declarations.title')}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        {can('governance.manage') && <Table.Th scope="col">{t('governance.fields.member')}</Table.Th>}
                        <Table.Th scope="col">{t('fields.organization')}</Table.Th>
                        <Table.Th scope="col">{t('governance.fields.interestKind')}</Table.Th>
                        <Table.Th scope="col">{t('governance.fields.period')}</Table.Th>
                        <Table.Th scope="col">{t('fields.status')}</Table.Th>
                        <Table.Th scope="col">
                          <span className="visually-hidden">{t('common.actions')}</span>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((d) => (
                        <Table.Tr key={d.id}>
                          {can('governance.manage') && <Table.Td>{d.user.name}</Table.Td>}
                          <Table.Td>
                            <Text fw={600} size="sm">
                              {d.organization.name}
                            </Text>
                            {d.description && (
                              <Text size="xs" c="dimmed">
                                {d.description}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>{t(`governance.interestKinds.${d.kind}`)}</Table.Td>
                          <Table.Td>
                            {t(d.endsOn ? 'governance.declarations.period' : 'governance.declarations.since', {
                              from: f.date(d.startsOn),
                              to: f.date(d.endsOn),
                            })}
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={d.active ? 'orange' : 'gray'} tt="none">
                              {t(d.active ? 'governance.declarations.active' : 'governance.declarations.ended')}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            {d.active && d.user.id === me.user.id && (
                              <ConfirmButton
                                size="xs"
                                title={t('governance.declarations.endTitle', { organization: d.organization.name })}
                                message={t('governance.declarations.endMessage')}
                                confirmLabel={t('governance.declarations.end')}
                                danger={false}
                                onConfirm={async () => {
                                  await endDeclaration(d.id, [todayLocal(), d.startsOn].sort()[1]);
                                  await refresh();
                                }}
                              >
                                {t('governance.declarations.end')}
                              </ConfirmButton>
                            )}
                          </Table.Td>
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
      </Stack>
    </>
  );
}

function StatusCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const status = useQuery(declarationStatusQuery);
  const affirm = useMutation({
    mutationFn: affirmDeclarations,
    onSuccess: async (s) => {
      queryClient.setQueryData(declarationStatusQuery.queryKey, s);
      await queryClient.invalidateQueries({ queryKey: ['home'] });
    },
  });
  return (
    <QueryState query={status}>
      {(s) =>
        s.required || s.lastAffirmedAt ? (
          <Paper withBorder p="md" bg={s.due ? 'yellow.0' : undefined} component="section" aria-labelledby="yearly-heading">
            <Title order={2} size="h4" id="yearly-heading" mb={4}>
              {t('governance.declarations.yearlyTitle')}
            </Title>
            <Text>
              {s.lastAffirmedAt
                ? t('governance.declarations.lastAffirmed', { date: f.date(s.lastAffirmedAt), due: f.date(s.dueOn) })
                : t('governance.declarations.neverAffirmed')}
            </Text>
            {s.due && (
              <Text fw={600} mt={4}>
                {t('governance.declarations.dueNow')}
              </Text>
            )}
            {affirm.isError && <ErrorAlert error={affirm.error} />}
            {affirm.isSuccess && (
              <Alert color="green" variant="light" mt="sm" role="status">
                {t('governance.declarations.affirmed')}
              </Alert>
            )}
            <Button mt="sm" variant={s.due ? 'filled' : 'default'} onClick={() => affirm.mutate()} loading={affirm.isPending}>
              {t('governance.declarations.affirm', { count: s.activeDeclarations })}
            </Button>
          </Paper>
        ) : null
      }
    </QueryState>
  );
}

interface DeclareValues {
  organizationId: string;
  kind: InterestKind | '';
  description: string;
  startsOn: string;
  endsOn: string;
}

function toBody(v: DeclareValues) {
  return {
    organizationId: v.organizationId,
    kind: v.kind || undefined,
    description: v.description.trim() || null,
    startsOn: v.startsOn,
    endsOn: v.endsOn || null,
  };
}

function DeclareForm({ onDone }: { onDone: (saved: string | null) => Promise<void> }) {
  const { t } = useTranslation();
  const [organization, setOrganization] = useState<Option | null>(null);
  const form = useForm<DeclareValues>({
    initialValues: { organizationId: '', kind: '', description: '', startsOn: todayLocal(), endsOn: '' },
    validate: (values) => zodErrors(declarationBody, toBody(values)),
  });
  const save = useMutation({
    mutationFn: (values: DeclareValues) => declare(declarationBody.parse(toBody(values))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: (d) => onDone(d.organization.name),
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="declare-heading">
      <Title order={2} size="h4" id="declare-heading" mb={4}>
        {t('governance.declarations.formTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('governance.declarations.formHint')}
      </Text>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)}>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <RemoteSelect
            label={t('fields.organization')}
            required
            value={form.values.organizationId || null}
            selected={organization}
            queryKey={['organizations', 'pick']}
            search={searchOrganizations}
            onChange={(option) => {
              setOrganization(option);
              form.setFieldValue('organizationId', option?.value ?? '');
            }}
            error={form.errors.organizationId}
            testId="declaration-organization"
          />
          <NativeSelect
            label={t('governance.fields.interestKind')}
            required
            data={[
              { value: '', label: t('governance.declarations.chooseKind') },
              ...INTEREST_KINDS.map((k) => ({ value: k, label: t(`governance.interestKinds.${k}`) })),
            ]}
            {...form.getInputProps('kind')}
          />
          <Textarea
            label={t('fields.description')}
            description={t('governance.declarations.descriptionHint')}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('governance.fields.startsOn')} type="date" required {...form.getInputProps('startsOn')} />
            <TextInput
              label={t('governance.fields.endsOn')}
              description={t('governance.declarations.endsOnHint')}
              type="date"
              {...form.getInputProps('endsOn')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('governance.declarations.submit')}
            </Button>
            <Button variant="default" onClick={() => void onDone(null)} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
