import { Badge, Button, Checkbox, FileInput, Group, Radio, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS } from '../../../../shared/roles.ts';
import type { Page } from '../../../../shared/schemas/common.ts';
import { type Consent, consentBody } from '../../../../shared/schemas/consent.ts';
import type { Organization } from '../../../../shared/schemas/organizations.ts';
import { DATA_CATEGORIES, type Participant } from '../../../../shared/schemas/participants.ts';
import { api } from '../../../api/client.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../../ui/forms.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { consentsQuery, disclosuresQuery } from '../participants.api.ts';
import { Section, useParticipantWrite } from './common.tsx';

const STATUS_COLORS = { active: 'green', expired: 'gray', revoked: 'red' } as const;

/** What a refused referral said the consent lacks (problem `missing`): the form opens with exactly these. */
export interface ConsentPrefill {
  organizationId: string;
  categories: string[];
}

export function ConsentTab({ p, prefill }: { p: Participant; prefill?: ConsentPrefill }) {
  const { t } = useTranslation();
  const f = useFormat();
  const consents = useQuery(consentsQuery(p.id));
  const [adding, setAdding] = useState(Boolean(prefill));
  return (
    <>
      <Section
        title={t('participants.consent.title')}
        actions={
          !adding && (
            <Button size="sm" onClick={() => setAdding(true)}>
              {t('participants.consent.add')}
            </Button>
          )
        }
      >
        {adding && <ConsentForm participantId={p.id} prefill={prefill} onDone={() => setAdding(false)} />}
        <QueryState query={consents}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={t('participants.consent.emptyTitle')}>{t('participants.consent.empty')}</EmptyState>
            ) : (
              <Stack gap="sm" data-testid="consents">
                {list.map((c) => (
                  <ConsentCard key={c.id} c={c} participantId={p.id} format={f} />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </Section>
      <Disclosures participantId={p.id} />
    </>
  );
}

function ConsentCard({ c, participantId, format: f }: { c: Consent; participantId: string; format: ReturnType<typeof useFormat> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [revoking, setRevoking] = useState(false);
  const revoke = useParticipantWrite(participantId, () =>
    api.post(`/participants/${participantId}/consents/${c.id}/revoke`, { reason: reason.trim() }),
  );
  const recipients = [...c.recipientOrganizations.map((o) => o.name), ...c.recipientKinds.map((k) => t(`organizationKinds.${k}`))].join(
    ', ',
  );
  return (
    <Stack gap={4} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
      <Group justify="space-between">
        <Text fw={600}>{recipients}</Text>
        <Badge color={STATUS_COLORS[c.status]} variant="light" tt="none">
          {t(`participants.consent.status.${c.status}`)}
        </Badge>
      </Group>
      <Text size="sm">
        {t('participants.consent.categoriesLine', { categories: c.categories.map((x) => t(`participants.category.${x}`)).join(', ') })}
      </Text>
      <Text size="sm">{t('participants.consent.purposeLine', { purpose: c.purpose })}</Text>
      <Text size="sm" c="dimmed">
        {c.method === 'signed_in_app'
          ? t('participants.consent.signedLine', { name: c.signedName, date: f.dateTime(c.givenAt) })
          : t('participants.consent.paperLine', { file: c.document?.filename, date: f.dateTime(c.givenAt) })}
        {' · '}
        {c.expiresOn ? t('participants.consent.expiresLine', { date: f.date(c.expiresOn) }) : t('participants.consent.noExpiry')}
      </Text>
      {c.revokedAt && (
        <Text size="sm" c="red.9">
          {t('participants.consent.revokedLine', { date: f.dateTime(c.revokedAt), reason: c.revokeReason })}
        </Text>
      )}
      {c.status === 'active' &&
        (revoking ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim().length >= 3) revoke.mutate(undefined);
            }}
          >
            <Group align="flex-end">
              <TextInput
                label={t('participants.consent.revokeReason')}
                required
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                maxLength={500}
                style={{ flex: 1 }}
              />
              <Button type="submit" color="red" loading={revoke.isPending} disabled={reason.trim().length < 3}>
                {t('participants.consent.revokeConfirm')}
              </Button>
              <Button variant="default" onClick={() => setRevoking(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
            {revoke.isError && <ErrorAlert error={revoke.error} />}
          </form>
        ) : (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={() => setRevoking(true)}>
              {t('participants.consent.revoke')}
            </Button>
          </Group>
        ))}
    </Stack>
  );
}

interface ConsentValues {
  recipientOrganizationIds: string[];
  recipientKinds: string[];
  categories: string[];
  purpose: string;
  method: 'signed_in_app' | 'paper';
  signedName: string;
  expiresOn: string;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function ConsentForm({
  participantId,
  prefill,
  onDone,
  onCancel,
}: {
  participantId: string;
  prefill?: ConsentPrefill;
  onDone: () => void;
  /** Default: the same as onDone. */
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const orgs = useQuery({
    queryKey: ['organizations', 'list', { pageSize: 100 }],
    queryFn: () => api.get<Page<Organization>>('/organizations', { pageSize: 100 }),
  });
  const [file, setFile] = useState<File | null>(null);
  const [document, setDocument] = useState<{ filename: string; contentType: string; base64: string } | undefined>();
  const toBody = (v: ConsentValues) => ({
    recipientOrganizationIds: v.recipientOrganizationIds,
    recipientKinds: v.recipientKinds,
    categories: v.categories,
    purpose: v.purpose.trim(),
    method: v.method,
    ...(v.method === 'signed_in_app' ? { signedName: v.signedName.trim() || undefined } : { document }),
    expiresOn: v.expiresOn || null,
  });
  const form = useForm<ConsentValues>({
    initialValues: {
      recipientOrganizationIds: prefill ? [prefill.organizationId] : [],
      recipientKinds: [],
      categories: prefill ? prefill.categories.filter((c) => (DATA_CATEGORIES as readonly string[]).includes(c)) : [],
      purpose: '',
      method: 'signed_in_app',
      signedName: '',
      expiresOn: '',
    },
    validate: (v) => zodErrors(consentBody, toBody(v)),
  });
  const save = useParticipantWrite(
    participantId,
    (v: ConsentValues) => api.post(`/participants/${participantId}/consents`, toBody(v)),
    onDone,
  );
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => showServerErrors(form, e) }), focusFirstError)}
      data-testid="consent-form"
    >
      <Stack mb="lg" maw={760}>
        {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
        <Checkbox.Group
          label={t('participants.consent.organizations')}
          description={t('participants.consent.organizationsHint')}
          {...form.getInputProps('recipientOrganizationIds')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            {(orgs.data?.items ?? []).map((o) => (
              <Checkbox key={o.id} value={o.id} label={o.name} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox.Group label={t('participants.consent.kinds')} {...form.getInputProps('recipientKinds')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
            {ORGANIZATION_KINDS.map((k) => (
              <Checkbox key={k} value={k} label={t(`organizationKinds.${k}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox.Group label={t('participants.consent.categories')} required {...form.getInputProps('categories')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
            {DATA_CATEGORIES.map((k) => (
              <Checkbox key={k} value={k} label={t(`participants.category.${k}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Textarea
          label={t('participants.consent.purpose')}
          required
          maxLength={500}
          autosize
          minRows={2}
          {...form.getInputProps('purpose')}
        />
        <Radio.Group label={t('participants.consent.method')} required {...form.getInputProps('method')}>
          <Group mt="xs">
            <Radio value="signed_in_app" label={t('participants.consent.methodSigned')} />
            <Radio value="paper" label={t('participants.consent.methodPaper')} />
          </Group>
        </Radio.Group>
        {form.values.method === 'signed_in_app' ? (
          <TextInput
            label={t('participants.consent.signedName')}
            description={t('participants.consent.signedNameHint')}
            required
            maxLength={200}
            {...form.getInputProps('signedName')}
          />
        ) : (
          <FileInput
            label={t('participants.consent.document')}
            description={t('participants.consent.documentHint')}
            required
            accept="application/pdf,image/png,image/jpeg"
            value={file}
            onChange={async (f) => {
              setFile(f);
              setDocument(f ? { filename: f.name, contentType: f.type, base64: await readBase64(f) } : undefined);
            }}
            error={form.errors.document}
            clearable
          />
        )}
        <TextInput type="date" label={t('participants.consent.expiresOn')} w={220} {...form.getInputProps('expiresOn')} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('participants.consent.save')}
          </Button>
          <Button variant="default" onClick={onCancel ?? onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Disclosures({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const log = useQuery(disclosuresQuery(participantId));
  return (
    <Section title={t('participants.disclosures.title')}>
      <Text size="sm" c="dimmed" mb="sm">
        {t('participants.disclosures.description')}
      </Text>
      <QueryState query={log}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('participants.disclosures.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped data-testid="disclosures">
                <Table.Caption className="visually-hidden">{t('participants.disclosures.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('participants.disclosures.when')}</Table.Th>
                    <Table.Th scope="col">{t('participants.disclosures.who')}</Table.Th>
                    <Table.Th scope="col">{t('participants.disclosures.what')}</Table.Th>
                    <Table.Th scope="col">{t('participants.disclosures.why')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>{f.dateTime(d.releasedAt)}</Table.Td>
                      <Table.Td>
                        {d.recipient}
                        {d.recipientOrganization ? ` (${d.recipientOrganization.name})` : ''}
                      </Table.Td>
                      <Table.Td>{d.categories.map((x) => t(`participants.category.${x}`)).join(', ')}</Table.Td>
                      <Table.Td>
                        {d.purpose} — {d.action}
                      </Table.Td>
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
