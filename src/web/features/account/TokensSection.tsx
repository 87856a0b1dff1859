import { Alert, Button, Code, CopyButton, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiTokenInfo, createApiTokenBody } from '../../../shared/schemas/account.ts';
import { api } from '../../api/client.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from './Section.tsx';

const tokensKey = ['account', 'tokens'];
const EXPIRY_DAYS = ['30', '90', '180', '366', 'never'] as const;

export function TokensSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api.get<{ items: ApiTokenInfo[] }>('/account/tokens') });
  // The secret exists only in this component's memory, until the person dismisses it.
  const [created, setCreated] = useState<(ApiTokenInfo & { token: string }) | null>(null);

  return (
    <Section id="tokens-heading" title={t('account.tokens.title')} description={t('account.tokens.description')}>
      <Stack gap="lg">
        {created ? (
          <NewToken token={created} onDone={() => setCreated(null)} />
        ) : (
          <CreateTokenForm
            onCreated={async (token) => {
              setCreated(token);
              await queryClient.invalidateQueries({ queryKey: tokensKey });
            }}
          />
        )}
        <QueryState query={tokens}>
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState title={t('account.tokens.emptyTitle')}>{t('account.tokens.empty')}</EmptyState>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table data-testid="tokens-table">
                  <Table.Caption className="visually-hidden">{t('account.tokens.listCaption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('account.tokens.prefix')}</Table.Th>
                      <Table.Th scope="col">{t('fields.createdAt')}</Table.Th>
                      <Table.Th scope="col">{t('account.tokens.lastUsed')}</Table.Th>
                      <Table.Th scope="col">{t('account.tokens.expires')}</Table.Th>
                      <Table.Th scope="col">
                        <span className="visually-hidden">{t('common.actions')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((tok) => (
                      <Table.Tr key={tok.id}>
                        <Table.Td>{tok.name}</Table.Td>
                        <Table.Td>
                          <Code>{tok.prefix}…</Code>
                        </Table.Td>
                        <Table.Td>{f.date(tok.createdAt)}</Table.Td>
                        <Table.Td>{tok.lastUsedAt ? f.dateTime(tok.lastUsedAt) : t('account.tokens.neverUsed')}</Table.Td>
                        <Table.Td>{tok.expiresAt ? f.date(tok.expiresAt) : t('account.tokens.noExpiry')}</Table.Td>
                        <Table.Td ta="right">
                          <ConfirmButton
                            size="xs"
                            variant="subtle"
                            color="red"
                            title={t('account.tokens.revokeTitle', { name: tok.name })}
                            message={t('account.tokens.revokeMessage')}
                            confirmLabel={t('account.tokens.revoke')}
                            onConfirm={async () => {
                              await api.delete(`/account/tokens/${tok.id}`);
                              await queryClient.invalidateQueries({ queryKey: tokensKey });
                              await queryClient.invalidateQueries({ queryKey: ['home'] });
                            }}
                          >
                            {t('account.tokens.revoke')}
                            <span className="visually-hidden"> {tok.name}</span>
                          </ConfirmButton>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Stack>
    </Section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: ApiTokenInfo & { token: string }) => Promise<void> }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { name: '', expiry: '90' as (typeof EXPIRY_DAYS)[number] },
    validate: (v) => zodErrors(createApiTokenBody, { name: v.name.trim() }),
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<ApiTokenInfo & { token: string }>('/account/tokens', {
        name: v.name.trim(),
        expiresInDays: v.expiry === 'never' ? null : Number(v.expiry),
      }),
    onSuccess: async (token) => {
      form.reset();
      await onCreated(token);
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => create.mutate(v), focusFirstError)} aria-labelledby="new-token-heading">
      <Title order={3} size="h5" id="new-token-heading" mb="xs">
        {t('account.tokens.create')}
      </Title>
      <Stack gap="sm">
        {create.isError && <ErrorAlert error={create.error} />}
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('fields.name')}
            description={t('account.tokens.nameHint')}
            required
            maxLength={100}
            miw={260}
            {...form.getInputProps('name')}
          />
          <NativeSelect
            label={t('account.tokens.expiresIn')}
            description={t('account.tokens.expiresHint')}
            data={EXPIRY_DAYS.map((d) => ({
              value: d,
              label: d === 'never' ? t('account.tokens.never') : t('account.tokens.days', { count: Number(d) }),
            }))}
            {...form.getInputProps('expiry')}
          />
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('account.tokens.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NewToken({ token, onDone }: { token: ApiTokenInfo & { token: string }; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('account.tokens.createdTitle', { name: token.name })}
      role="status"
      data-testid="new-token"
    >
      <Stack gap="sm">
        <Text fw={600}>{t('account.tokens.onceWarning')}</Text>
        <TextInput
          label={t('account.tokens.yourToken')}
          value={token.token}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <Group>
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? 'green' : undefined} aria-live="polite">
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            {t('account.tokens.done')}
          </Button>
        </Group>
        <Text size="sm">{t('account.tokens.usage')}</Text>
      </Stack>
    </Alert>
  );
}
