import { Button, Grid, Group, NativeSelect, Paper, Rating, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveBody, TA_TOPICS, TA_URGENCIES, type TaRequest, triageBody } from '../../../shared/schemas/ta.ts';
import { Detail } from '../../ui/Detail.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { FieldMessage, focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { useMe, usePermissions } from '../auth/session.ts';
import { searchUsers } from '../strategies/strategies.api.ts';
import { TaStatusBadge, UrgencyBadge } from './TaRequestsPage.tsx';
import { assignRequest, declineRequest, rateRequest, requestQuery, resolveRequest, triageRequest } from './ta.api.ts';

const route = getRouteApi('/app/ta/requests/$requestId');

export function TaRequestPage() {
  const { requestId } = route.useParams();
  const request = useQuery(requestQuery(requestId));
  return <QueryState query={request}>{(r) => <RequestView request={r} />}</QueryState>;
}

function useSaved(id: string) {
  const queryClient = useQueryClient();
  return async (saved: TaRequest) => {
    queryClient.setQueryData(requestQuery(id).queryKey, saved);
    await queryClient.invalidateQueries({ queryKey: ['ta', 'requests'] });
    await queryClient.invalidateQueries({ queryKey: ['ta', 'needs'] });
    await queryClient.invalidateQueries({ queryKey: ['home'] });
  };
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

function RequestView({ request: r }: { request: TaRequest }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const me = useMe();
  const manage = can('ta.manage');
  const open = r.status === 'submitted' || r.status === 'triaged' || r.status === 'assigned';
  const fromMyOrganization = me.memberships.some((m) => m.organizationId === r.organization.id);
  return (
    <>
      <PageHeader
        title={r.title}
        description={
          <Group gap="xs" component="span">
            <TaStatusBadge status={r.status} />
            <UrgencyBadge urgency={r.urgency} />
            <Text span>{t(`partnership.taTopics.${r.topic}`)}</Text>
          </Group>
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: manage && open ? 6 : 8 }}>
          <Stack>
            <Card id="ta-request" title={t('partnership.ta.theRequest')}>
              <dl className="details" data-testid="ta-request-details">
                <Detail label={t('partnership.fields.organization')}>{r.organization.name}</Detail>
                <Detail label={t('partnership.fields.requestedBy')}>{r.requestedBy?.name}</Detail>
                <Detail label={t('partnership.fields.submitted')}>{f.dateTime(r.createdAt)}</Detail>
                <Detail label={t('partnership.fields.details')}>
                  {r.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Text>}
                </Detail>
                <Detail label={t('partnership.fields.triageNote')}>{r.triageNote}</Detail>
                <Detail label={t('partnership.fields.assignedTo')}>{r.assignedTo?.name}</Detail>
                <Detail label={t('partnership.fields.dueOn')}>{r.dueOn && f.date(r.dueOn)}</Detail>
                <Detail label={t('partnership.fields.resolution')}>
                  {r.resolution && <Text style={{ whiteSpace: 'pre-wrap' }}>{r.resolution}</Text>}
                </Detail>
                <Detail label={t('partnership.fields.resolvedAt')}>{r.resolvedAt && f.dateTime(r.resolvedAt)}</Detail>
                <Detail label={t('partnership.fields.satisfaction')}>
                  {r.satisfaction !== null && (
                    <>
                      {t('partnership.ta.ratingText', { rating: r.satisfaction })}
                      {r.satisfactionComment && <Text size="sm">“{r.satisfactionComment}”</Text>}
                    </>
                  )}
                </Detail>
              </dl>
            </Card>
            {r.status === 'resolved' && r.satisfaction === null && fromMyOrganization && <RateForm request={r} />}
          </Stack>
        </Grid.Col>
        {manage && open && (
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack>
              <TriageForm request={r} />
              <AssignForm request={r} />
              <ResolveForm request={r} />
            </Stack>
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}

function TriageForm({ request: r }: { request: TaRequest }) {
  const { t } = useTranslation();
  const saved = useSaved(r.id);
  type V = { topic: string; urgency: string; note: string; dueOn: string };
  const toBody = (v: V) => ({ topic: v.topic, urgency: v.urgency, note: v.note, dueOn: v.dueOn || null });
  const form = useForm<V>({
    initialValues: { topic: r.topic, urgency: r.urgency, note: r.triageNote ?? '', dueOn: r.dueOn ?? '' },
    validate: (v) => zodErrors(triageBody, toBody(v)),
  });
  const save = useMutation({
    mutationFn: (v: V) => triageRequest(r.id, triageBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: saved,
  });
  return (
    <Card id="ta-triage" title={t('partnership.ta.triage')}>
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('partnership.ta.triage')}>
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <Group grow align="flex-start">
            <NativeSelect
              label={t('partnership.fields.topic')}
              data={TA_TOPICS.map((x) => ({ value: x, label: t(`partnership.taTopics.${x}`) }))}
              {...form.getInputProps('topic')}
            />
            <NativeSelect
              label={t('partnership.fields.urgency')}
              data={TA_URGENCIES.map((x) => ({ value: x, label: t(`partnership.taUrgency.${x}`) }))}
              {...form.getInputProps('urgency')}
            />
          </Group>
          <Textarea label={t('partnership.fields.triageNote')} autosize minRows={2} maxLength={4000} {...form.getInputProps('note')} />
          <TextInput label={t('partnership.fields.dueOn')} type="date" {...form.getInputProps('dueOn')} />
          <Group>
            <Button type="submit" variant="light" loading={save.isPending}>
              {t('partnership.ta.saveTriage')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function AssignForm({ request: r }: { request: TaRequest }) {
  const { t } = useTranslation();
  const me = useMe();
  const can = usePermissions();
  const saved = useSaved(r.id);
  const [assignee, setAssignee] = useState<Option | null>(r.assignedTo ? { value: r.assignedTo.id, label: r.assignedTo.name } : null);
  const [error, setError] = useState<ReactNode>(null);
  const save = useMutation({
    mutationFn: (id: string) => assignRequest(r.id, { assigneeId: id }),
    onSuccess: saved,
  });
  const submit = (id: string | undefined) => {
    if (!id) {
      setError(<FieldMessage code="required" />);
      focusFirstError();
      return;
    }
    setError(null);
    save.mutate(id);
  };
  return (
    <Card id="ta-assign" title={t('partnership.ta.assign')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(assignee?.value);
        }}
        aria-label={t('partnership.ta.assign')}
      >
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          {can('users.read') && (
            <RemoteSelect
              label={t('partnership.fields.assignedTo')}
              value={assignee?.value ?? null}
              selected={assignee}
              queryKey={['users', 'pick']}
              search={searchUsers}
              onChange={setAssignee}
              error={error}
            />
          )}
          <Group>
            {can('users.read') && (
              <Button type="submit" variant="light" loading={save.isPending}>
                {t('partnership.ta.saveAssign')}
              </Button>
            )}
            <Button variant="default" onClick={() => submit(me.user.id)} loading={save.isPending}>
              {t('partnership.ta.assignToMe')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ResolveForm({ request: r }: { request: TaRequest }) {
  const { t } = useTranslation();
  const saved = useSaved(r.id);
  const form = useForm({ initialValues: { resolution: '' }, validate: (v) => zodErrors(resolveBody, v) });
  const resolve = useMutation({ mutationFn: (v: { resolution: string }) => resolveRequest(r.id, v.resolution.trim()), onSuccess: saved });
  const decline = useMutation({ mutationFn: (note: string) => declineRequest(r.id, note), onSuccess: saved });
  const error = resolve.error ?? decline.error;
  return (
    <Card id="ta-resolve" title={t('partnership.ta.close')}>
      <form noValidate onSubmit={form.onSubmit((v) => resolve.mutate(v), focusFirstError)} aria-label={t('partnership.ta.close')}>
        <Stack gap="sm">
          {error && <ErrorAlert error={error} title={t('forms.notSaved')} />}
          <Textarea
            label={t('partnership.fields.resolution')}
            description={t('partnership.ta.resolutionHint')}
            required
            autosize
            minRows={3}
            maxLength={10_000}
            {...form.getInputProps('resolution')}
          />
          <Group>
            <Button type="submit" loading={resolve.isPending}>
              {t('partnership.ta.resolve')}
            </Button>
            <Button
              variant="default"
              color="red"
              loading={decline.isPending}
              onClick={() => {
                const v = form.getValues().resolution.trim();
                if (!v) {
                  form.setFieldError('resolution', <FieldMessage code="required" />);
                  focusFirstError();
                  return;
                }
                decline.mutate(v);
              }}
            >
              {t('partnership.ta.decline')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function RateForm({ request: r }: { request: TaRequest }) {
  const { t } = useTranslation();
  const saved = useSaved(r.id);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const save = useMutation({ mutationFn: () => rateRequest(r.id, rating, comment), onSuccess: saved });
  return (
    <Card id="ta-rate" title={t('partnership.ta.rate')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setMissing(rating === 0);
          if (rating > 0) save.mutate();
        }}
        aria-label={t('partnership.ta.rate')}
      >
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" size="sm" fw={500} mb={4}>
              {t('partnership.ta.rateQuestion')}
            </Text>
            <Rating value={rating} onChange={setRating} size="lg" getSymbolLabel={(n) => t('partnership.ta.ratingText', { rating: n })} />
            {missing && (
              <Text size="sm" c="red.8" role="alert">
                <FieldMessage code="required" />
              </Text>
            )}
          </fieldset>
          <Textarea
            label={t('partnership.fields.comment')}
            autosize
            minRows={2}
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('partnership.ta.sendRating')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
