import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
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
import { type Call, myProposalBody, type Proposal } from '../../../shared/schemas/governance.ts';
import { Detail } from '../../ui/Detail.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { FieldMessage, focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { useMe } from '../auth/session.ts';
import { TitledDocumentUpload } from '../initiatives/DocumentUpload.tsx';
import { CallStatusBadge } from './CallsPage.tsx';
import {
  attachToMyProposal,
  callQuery,
  changeMyProposal,
  myAttachmentHref,
  removeMyAttachment,
  submitMyProposal,
  withdrawMyProposal,
} from './calls.api.ts';

const route = getRouteApi('/app/governance/calls/$callId');

const money = (cents: number | null) =>
  cents === null
    ? null
    : new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(cents / 100);

export function CallPage() {
  const { callId } = route.useParams();
  const call = useQuery(callQuery(callId));
  return <QueryState query={call}>{(c) => <CallView call={c} />}</QueryState>;
}

function CallView({ call: c }: { call: Call }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const mine = new Set(c.myProposals.map((p) => p.organization.id));
  // One proposal per organization: offer the form for the caller's organizations that have none yet.
  const canPropose = [...new Map(me.memberships.map((m) => [m.organizationId, m.organizationName])).entries()].filter(
    ([id]) => !mine.has(id),
  );
  return (
    <>
      <PageHeader
        title={c.title}
        description={
          <Group gap="xs" component="span">
            <CallStatusBadge call={c} />
            <span>{t('partnership.calls.dueBy', { when: f.dateTime(c.deadline) })}</span>
          </Group>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            {c.myProposals.map((p) => (
              <ProposalPanel key={p.id} call={c} proposal={p} />
            ))}
            {c.status === 'open' && canPropose.length > 0 && <NewProposal call={c} organizations={canPropose} />}
            {c.status === 'closed' && c.myProposals.length === 0 && <Alert color="gray">{t('partnership.calls.closedNone')}</Alert>}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="lg" component="section" aria-labelledby="call-details">
            <Title order={2} size="h4" id="call-details" mb="md">
              {t('governance.solicitation.details')}
            </Title>
            <dl className="details">
              <Detail label={t('governance.fields.scope')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{c.scope}</span>
              </Detail>
              <Detail label={t('governance.fields.budget')}>{money(c.budgetCents)}</Detail>
              <Detail label={t('governance.fields.deadline')}>{f.dateTime(c.deadline)}</Detail>
            </dl>
            <Table mt="md" data-testid="criteria-table">
              <Table.Caption>{t('partnership.calls.criteria')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('governance.fields.criterion')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('governance.fields.weight')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('governance.fields.maxScore')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.criteria.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>
                      {x.name}
                      {x.description && (
                        <Text size="xs" c="dimmed">
                          {x.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{f.number(x.weight)}</Table.Td>
                    <Table.Td ta="right">{f.number(x.maxScore)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

interface Values {
  organizationId: string;
  title: string;
  summary: string;
  amount: number | string;
}

const toBody = (v: Values) => ({
  organizationId: v.organizationId || undefined,
  title: v.title,
  summary: v.summary,
  amountCents: v.amount === '' ? null : Math.round(Number(v.amount) * 100),
});

function ProposalFields({ form, organizations }: { form: ReturnType<typeof useForm<Values>>; organizations?: [string, string][] }) {
  const { t } = useTranslation();
  return (
    <>
      {organizations &&
        (organizations.length > 1 ? (
          <NativeSelect
            label={t('partnership.fields.organization')}
            required
            data={[
              { value: '', label: t('partnership.common.choose') },
              ...organizations.map(([id, name]) => ({ value: id, label: name })),
            ]}
            {...form.getInputProps('organizationId')}
          />
        ) : (
          <TextInput label={t('partnership.fields.organization')} value={organizations[0]?.[1] ?? ''} readOnly />
        ))}
      <TextInput label={t('partnership.calls.proposalTitle')} required maxLength={300} {...form.getInputProps('title')} />
      <Textarea
        label={t('partnership.calls.response')}
        description={t('partnership.calls.responseHint')}
        autosize
        minRows={6}
        maxLength={20_000}
        {...form.getInputProps('summary')}
      />
      <NumberInput
        label={t('partnership.calls.budget')}
        description={t('partnership.calls.budgetHint')}
        prefix="$"
        min={0}
        thousandSeparator=","
        decimalScale={2}
        maw={260}
        {...form.getInputProps('amount')}
      />
    </>
  );
}

function NewProposal({ call: c, organizations }: { call: Call; organizations: [string, string][] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: { organizationId: organizations.length === 1 ? organizations[0][0] : '', title: '', summary: '', amount: '' },
    validate: (v) => {
      const errors = zodErrors(myProposalBody, toBody(v));
      if (!v.organizationId) errors.organizationId = <FieldMessage code="required" />;
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) => submitMyProposal(c.id, myProposalBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (saved) => {
      queryClient.setQueryData(callQuery(c.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['governance', 'calls'] });
    },
  });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="new-proposal">
      <Title order={2} size="h4" id="new-proposal" mb="xs">
        {t('partnership.calls.newProposal')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('partnership.calls.newProposalHint')}
      </Text>
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('partnership.calls.newProposal')}>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <ProposalFields form={form} organizations={organizations} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('partnership.calls.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ProposalPanel({ call: c, proposal: p }: { call: Call; proposal: Proposal }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const editable = c.status === 'open' && p.status === 'submitted';
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      organizationId: p.organization.id,
      title: p.title,
      summary: p.summary ?? '',
      amount: p.amountCents === null ? '' : p.amountCents / 100,
    },
    validate: (v) => zodErrors(myProposalBody, toBody(v)),
  });
  const onSaved = async (next: Call) => {
    queryClient.setQueryData(callQuery(c.id).queryKey, next);
    await queryClient.invalidateQueries({ queryKey: ['governance', 'calls'] });
  };
  const save = useMutation({
    mutationFn: (v: Values) => {
      const { organizationId: _, ...body } = toBody(v);
      return changeMyProposal(c.id, p.id, body);
    },
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (next) => {
      setSaved(true);
      await onSaved(next);
    },
  });
  const withdraw = useMutation({ mutationFn: () => withdrawMyProposal(c.id, p.id), onSuccess: onSaved });
  const remove = useMutation({ mutationFn: (id: string) => removeMyAttachment(c.id, p.id, id), onSuccess: onSaved });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`proposal-${p.id}`} data-testid="my-proposal">
      <Title order={2} size="h4" id={`proposal-${p.id}`} mb="xs">
        {t('partnership.calls.yourProposalOf', { organization: p.organization.name })}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t(`partnership.calls.proposalStatus.${p.status}`)} · {t('partnership.calls.submittedAt', { when: f.dateTime(p.submittedAt) })}
        {p.updatedAt && ` · ${t('partnership.calls.updatedAt', { when: f.dateTime(p.updatedAt) })}`}
      </Text>
      {editable ? (
        <form
          noValidate
          onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}
          aria-label={t('partnership.calls.editProposal')}
          onChange={() => setSaved(false)}
        >
          <Stack>
            {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
            {saved && (
              <Alert color="green" variant="light" role="status" py="xs">
                {t('partnership.calls.saved')}
              </Alert>
            )}
            <ProposalFields form={form} />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('partnership.calls.save')}
              </Button>
              <Button
                variant="subtle"
                color="red"
                loading={withdraw.isPending}
                onClick={() => {
                  if (window.confirm(t('partnership.calls.withdrawConfirm'))) withdraw.mutate();
                }}
              >
                {t('partnership.calls.withdraw')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <dl className="details">
          <Detail label={t('partnership.calls.proposalTitle')}>{p.title}</Detail>
          <Detail label={t('partnership.calls.response')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{p.summary}</span>
          </Detail>
          <Detail label={t('partnership.calls.budget')}>{money(p.amountCents)}</Detail>
        </dl>
      )}
      <Title order={3} size="h5" mt="lg" mb="xs">
        {t('partnership.calls.attachments')}
      </Title>
      {p.attachments.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('partnership.calls.noAttachments')}
        </Text>
      ) : (
        <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
          {p.attachments.map((a) => (
            <li key={a.id}>
              <Group gap="xs">
                <Anchor href={myAttachmentHref(c.id, p.id, a.id)} download>
                  {a.title}
                </Anchor>
                <Text span size="xs" c="dimmed">
                  {a.file.filename}
                </Text>
                {editable && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('partnership.common.remove', { name: a.title })}
                    loading={remove.isPending && remove.variables === a.id}
                    onClick={() => remove.mutate(a.id)}
                  >
                    {t('partnership.calls.removeAttachment')}
                  </Button>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {editable && <ProposalAttachmentUpload callId={c.id} proposalId={p.id} />}
    </Paper>
  );
}

function ProposalAttachmentUpload({ callId, proposalId }: { callId: string; proposalId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <TitledDocumentUpload
      action={t('partnership.calls.attach')}
      titleLabel={t('partnership.calls.attachmentTitle')}
      upload={(title, file) => {
        const data = new FormData();
        data.append('title', title);
        data.append('file', file, file.name);
        return attachToMyProposal(callId, proposalId, data);
      }}
      onSaved={(saved) => queryClient.setQueryData(callQuery(callId).queryKey, saved)}
      testId="proposal-file"
      clearLabel={t('partnership.calls.clearFile')}
    />
  );
}
