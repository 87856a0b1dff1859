import { Alert, Anchor, Button, FileInput, Group, List, Paper, Radio, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../shared/errors.ts';
import { HSDS_IMPORT_KINDS } from '../../../shared/schemas/hsds.ts';
import { api, isApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';

type Format = 'package' | 'json';
type Result = { records: Record<string, number>; files?: string[]; rows?: number };

const EXPORTS = ['service', 'organization', 'taxonomy', 'taxonomy_term'] as const;

/** The intermediary's HSDS import and export: the tabular data package (zip of CSVs) or HSDS JSON. */
export function DirectoryDataPage() {
  const { t } = useTranslation();
  const [format, setFormat] = useState<Format>('package');
  const [kind, setKind] = useState<string>('service');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Result | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setError(null);
    if (!file) return setFileError(t('directory.data.chooseFile'));
    if (format === 'package' && !/\.zip$/i.test(file.name)) return setFileError(t('directory.data.zipOnly'));
    if (format === 'json' && !/\.json$/i.test(file.name)) return setFileError(t('directory.data.jsonOnly'));
    setFileError(null);
    setBusy(true);
    try {
      if (format === 'package') {
        const form = new FormData();
        form.append('file', file);
        setResult(await api.upload<Result>('/directory/hsds/package', form));
      } else {
        let body: unknown;
        try {
          body = JSON.parse(await file.text());
        } catch {
          setFileError(t('directory.data.notJson'));
          return;
        }
        setResult(await api.post<Result>(`/directory/hsds/import?type=${kind}`, body));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const problems: FieldError[] = isApiError(error) ? error.fieldErrors : [];
  return (
    <>
      <PageHeader title={t('directory.data.title')} description={t('directory.data.description')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('directory.data.exportTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('directory.data.exportHint')}
          </Text>
          <Stack gap="xs">
            <Anchor href="/api/directory/hsds/package" download fw={700}>
              {t('directory.data.exportPackage')}
            </Anchor>
            {EXPORTS.map((k) => (
              <Anchor key={k} href={`/api/directory/hsds/export?type=${k}`} download={`hsds-${k}.json`}>
                {t('directory.data.exportJson', { kind: t(`directory.data.kinds.${k}`) })}
              </Anchor>
            ))}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('directory.data.importTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('directory.data.importHint')}
          </Text>
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Radio.Group label={t('directory.data.format')} value={format} onChange={(v) => setFormat(v as Format)}>
                <Group mt={4}>
                  <Radio value="package" label={t('directory.data.formatPackage')} />
                  <Radio value="json" label={t('directory.data.formatJson')} />
                </Group>
              </Radio.Group>
              {format === 'json' && (
                <Select
                  label={t('directory.data.kind')}
                  data={HSDS_IMPORT_KINDS.map((k) => ({ value: k, label: t(`directory.data.kinds.${k}`) }))}
                  value={kind}
                  onChange={(v) => setKind(v ?? 'service')}
                  allowDeselect={false}
                />
              )}
              <FileInput
                label={t('directory.data.file')}
                description={format === 'package' ? t('directory.data.packageFormat') : t('directory.data.jsonFormat')}
                accept={format === 'package' ? '.zip,application/zip' : '.json,application/json'}
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setFileError(null);
                }}
                error={fileError}
                clearable
                clearButtonProps={{ 'aria-label': t('directory.data.clearFile') }}
                withAsterisk
                disabled={busy}
              />
              <Group>
                <Button type="submit" loading={busy}>
                  {t('directory.data.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </SimpleGrid>
      <div role="status" aria-live="polite">
        {result && (
          <Alert color="green" variant="light" mt="lg" title={t('directory.data.imported')}>
            <Table withRowBorders={false} maw={420} aria-label={t('directory.data.importedRecords')}>
              <Table.Tbody>
                {Object.entries(result.records)
                  .filter(([, n]) => n > 0)
                  .map(([k, n]) => (
                    <Table.Tr key={k}>
                      <Table.Td>{t(`directory.data.counts.${k}`, { defaultValue: k })}</Table.Td>
                      <Table.Td ta="right">{n}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Alert>
        )}
      </div>
      {error !== null && (
        <Stack mt="lg" gap="sm">
          <ErrorAlert error={error} title={t('directory.data.nothingImported')} />
          {problems.length > 0 && (
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">
                {t('directory.data.problems', { count: problems.length })}
              </Title>
              <List size="sm" spacing={4} aria-label={t('directory.data.problemList')}>
                {problems.slice(0, 200).map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: errors repeat; their order is the key
                  <List.Item key={i}>
                    <Text span ff="monospace" fw={700}>
                      {p.field}
                    </Text>{' '}
                    {p.message}
                  </List.Item>
                ))}
              </List>
              {problems.length > 200 && (
                <Text size="sm" c="dimmed" mt="xs">
                  {t('directory.data.moreProblems', { count: problems.length - 200 })}
                </Text>
              )}
            </Paper>
          )}
        </Stack>
      )}
    </>
  );
}
