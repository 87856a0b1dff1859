import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TA_TOPICS, TA_URGENCIES, taRequestBody } from '../../../shared/schemas/ta.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { useMe, usePermissions } from '../auth/session.ts';
import { allInitiativesQuery } from '../initiatives/initiatives.api.ts';
import { searchOrganizations } from '../organizations/organizations.api.ts';
import { submitRequest } from './ta.api.ts';

interface Values {
  topic: string;
  title: string;
  description: string;
  urgency: string;
  initiativeId: string;
  organizationId: string;
}

export function TaRequestNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initiatives = useQuery(allInitiativesQuery);
  // Partner staff ask for their own organization; with one, there is nothing to choose.
  const mine = [...new Map(me.memberships.map((m) => [m.organizationId, m.organizationName])).entries()];
  const anyOrganization = can('ta.manage');
  const [picked, setPicked] = useState<Option | null>(null);
  const toBody = (v: Values) => ({
    topic: v.topic,
    title: v.title,
    description: v.description,
    urgency: v.urgency,
    initiativeId: v.initiativeId || null,
    ...(v.organizationId ? { organizationId: v.organizationId } : {}),
  });
  const form = useForm<Values>({
    initialValues: {
      topic: '',
      title: '',
      description: '',
      urgency: 'normal',
      initiativeId: '',
      organizationId: mine.length === 1 ? mine[0][0] : '',
    },
    validate: (v) => {
      const errors = zodErrors(taRequestBody, toBody(v));
      if (!v.organizationId && mine.length !== 1) errors.organizationId = t('partnership.ta.chooseOrganization');
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) => submitRequest(taRequestBody.parse(toBody(v))),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: ['ta'] });
      await navigate({ to: '/ta/requests/$requestId', params: { requestId: r.id }, state: { flash: { key: 'partnership.ta.submitted' } } });
    },
  });
  return (
    <>
      <PageHeader title={t('partnership.ta.newTitle')} description={t('partnership.ta.newDescription')} />
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)} aria-label={t('partnership.ta.newTitle')}>
        <Stack maw={720}>
          {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
          {anyOrganization ? (
            <RemoteSelect
              label={t('partnership.fields.organization')}
              description={t('partnership.ta.organizationHintManage')}
              required
              value={picked?.value ?? null}
              selected={picked}
              queryKey={['organizations', 'pick']}
              search={searchOrganizations}
              onChange={(o) => {
                setPicked(o);
                form.setFieldValue('organizationId', o?.value ?? '');
              }}
              error={form.errors.organizationId}
            />
          ) : mine.length > 1 ? (
            <NativeSelect
              label={t('partnership.fields.organization')}
              required
              data={[{ value: '', label: t('partnership.common.choose') }, ...mine.map(([id, name]) => ({ value: id, label: name }))]}
              {...form.getInputProps('organizationId')}
            />
          ) : (
            <TextInput label={t('partnership.fields.organization')} value={mine[0]?.[1] ?? ''} readOnly />
          )}
          <Group grow align="flex-start">
            <NativeSelect
              label={t('partnership.fields.topic')}
              required
              data={[
                { value: '', label: t('partnership.common.choose') },
                ...TA_TOPICS.map((x) => ({ value: x, label: t(`partnership.taTopics.${x}`) })),
              ]}
              {...form.getInputProps('topic')}
            />
            <NativeSelect
              label={t('partnership.fields.urgency')}
              data={TA_URGENCIES.map((x) => ({ value: x, label: t(`partnership.taUrgency.${x}`) }))}
              {...form.getInputProps('urgency')}
            />
          </Group>
          <TextInput
            label={t('partnership.ta.requestTitle')}
            description={t('partnership.ta.requestTitleHint')}
            required
            maxLength={300}
            {...form.getInputProps('title')}
          />
          <Textarea
            label={t('partnership.fields.details')}
            description={t('partnership.ta.detailsHint')}
            autosize
            minRows={4}
            maxLength={10_000}
            {...form.getInputProps('description')}
          />
          {(initiatives.data?.items.length ?? 0) > 0 && (
            <NativeSelect
              label={t('partnership.initiatives.filter')}
              data={[
                { value: '', label: t('partnership.strategies.noInitiative') },
                ...(initiatives.data?.items ?? []).map((i) => ({ value: i.id, label: i.name })),
              ]}
              {...form.getInputProps('initiativeId')}
            />
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('partnership.ta.submit')}
            </Button>
            <Button variant="default" onClick={() => navigate({ to: '/ta/requests' })} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
