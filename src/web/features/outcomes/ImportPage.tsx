import { Alert, Badge, Button, Checkbox, FileInput, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutcomeImport, OutcomeImportSummary } from '../../../shared/schemas/outcomes.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { ListPagination } from '../../ui/ListPagination.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useMe } from '../auth/session.ts';
import { importRunQuery, importRunsQuery, RUNNING, rejectedCsvHref, uploadImport } from './outcomes.api.ts';

type Kind = 'pirl' | 'wages';
type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; fraction: number }
  | { step: 'processing' }
  | { step: 'running'; id: string }
  | { step: 'done'; run: OutcomeImport };

const PAGE = 25;
const STATUS_COLORS: Record<OutcomeImport['status'], string> = {
  uploaded: 'gray',
  validating: 'blue',
  importing: 'blue',
  completed: 'green',
  rejected: 'red',
  failed: 'red',
};

export const PirlImportPage = () => <ImportPage kind="pirl" />;
export const WageImportPage = () => <ImportPage kind="wages" />;

/** Upload a PIRL or UI wage file, watch it go, then read what was imported and every rejected row. */
function ImportPage({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const [skipRejected, setSkipRejected] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [error, setError] = useState<unknown>(null);
  // A PIRL file is imported by a background job: poll its run until the job has finished with it.
  const job = useQuery({ ...importRunQuery(phase.step === 'running' ? phase.id : ''), enabled: phase.step === 'running' });
  const jobRun = phase.step === 'running' ? job.data : undefined;
  const jobDone = jobRun !== undefined && !RUNNING.includes(jobRun.status);
  const busy = phase.step === 'uploading' || phase.step === 'processing' || (phase.step === 'running' && !jobDone);
  const queryClient = useQueryClient();
  // A finished job changes the list of recent imports.
  useEffect(() => {
    if (jobDone) void queryClient.invalidateQueries({ queryKey: ['outcomes', 'imports', kind] });
  }, [jobDone, kind, queryClient]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError(t('outcomes.import.chooseFile'));
      return;
    }
    if (!/\.(csv|txt)$/i.test(file.name)) {
      setFileError(t('outcomes.import.csvOnly'));
      return;
    }
    setFileError(null);
    setError(null);
    setPhase({ step: 'uploading', fraction: 0 });
    try {
      const run = await uploadImport(
        kind,
        file,
        kind === 'pirl' && skipRejected ? { skipRejected: 'true' } : {},
        me.csrfToken,
        (fraction) => setPhase(fraction >= 1 ? { step: 'processing' } : { step: 'uploading', fraction }),
      );
      setPhase(RUNNING.includes(run.status) ? { step: 'running', id: run.id } : { step: 'done', run });
    } catch (err) {
      setError(err);
      setPhase({ step: 'idle' });
    }
  };

  return (
    <>
      <PageHeader title={t(`outcomes.import.${kind}.title`)} description={t(`outcomes.import.${kind}.description`)} />
      <Paper withBorder p="md" maw={720}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <FileInput
              label={t('outcomes.import.file')}
              description={t(`outcomes.import.${kind}.format`)}
              placeholder={t('outcomes.import.choose')}
              // Mantine's placeholder grey is below 4.5:1 on white.
              styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
              accept=".csv,.txt,text/csv"
              value={file}
              onChange={(f) => {
                setFile(f);
                setFileError(null);
              }}
              error={fileError}
              clearable
              clearButtonProps={{ 'aria-label': t('outcomes.import.clearFile') }}
              withAsterisk
              disabled={busy}
            />
            {kind === 'pirl' && (
              <Checkbox
                label={t('outcomes.import.skipRejected')}
                description={t('outcomes.import.skipRejectedHint')}
                checked={skipRejected}
                onChange={(e) => setSkipRejected(e.currentTarget.checked)}
                disabled={busy}
              />
            )}
            <Group>
              <Button type="submit" loading={busy}>
                {t('outcomes.import.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <div role="status" aria-live="polite">
        {phase.step === 'uploading' && (
          <Stack gap={4} mt="md" maw={720}>
            <Text size="sm">{t('outcomes.import.uploading', { percent: Math.round(phase.fraction * 100) })}</Text>
            <Progress value={phase.fraction * 100} aria-label={t('outcomes.import.uploadProgress')} />
          </Stack>
        )}
        {phase.step === 'processing' && (
          <Stack gap={4} mt="md" maw={720}>
            <Text size="sm">{t('outcomes.import.processing')}</Text>
            <Progress value={100} striped animated aria-label={t('outcomes.import.processingProgress')} />
          </Stack>
        )}
        {phase.step === 'running' && !jobDone && <JobProgress run={jobRun} />}
      </div>
      {phase.step === 'running' && job.error && (
        <Stack mt="md" maw={720}>
          <ErrorAlert error={job.error} />
        </Stack>
      )}
      {error !== null && (
        <Stack mt="md" maw={720}>
          <ErrorAlert error={error} />
        </Stack>
      )}
      {phase.step === 'done' && <ImportResult run={phase.run} />}
      {jobRun && jobDone && <ImportResult run={jobRun} />}
      {kind === 'wages' && (
        <RecentImports
          current={phase.step === 'running' ? phase.id : null}
          onOpen={(id) => setPhase({ step: 'running', id })}
          refreshing={busy}
        />
      )}
    </>
  );
}

/** The tenant's recent wage imports: open one to see its progress or its result again. */
function RecentImports({ current, onOpen, refreshing }: { current: string | null; onOpen: (id: string) => void; refreshing: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const runs = useQuery({ ...importRunsQuery('wages', page), refetchInterval: refreshing ? 2000 : false });
  return (
    <section aria-labelledby="recent-imports">
      <Title order={2} size="h3" mt="xl" mb="sm" id="recent-imports">
        {t('outcomes.wageImport.recent')}
      </Title>
      {runs.error ? <ErrorAlert error={runs.error} /> : null}
      {runs.data && runs.data.total === 0 && (
        <div data-testid="recent-empty">
          <EmptyState title={t('outcomes.wageImport.recentEmpty')} />
        </div>
      )}
      {runs.data && runs.data.total > 0 && (
        <>
          <Table striped data-testid="recent-imports">
            <Table.Caption className="visually-hidden">{t('outcomes.wageImport.recent')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('outcomes.wageImport.started')}</Table.Th>
                <Table.Th scope="col">{t('outcomes.wageImport.filename')}</Table.Th>
                <Table.Th scope="col">{t('outcomes.wageImport.status')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('outcomes.import.counts.processedRows')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('outcomes.import.counts.rejectedRows')}
                </Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('outcomes.wageImport.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.items.map((r: OutcomeImportSummary) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{f.dateTime(r.createdAt)}</Table.Td>
                  <Table.Td>{r.filename}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[r.status]} variant="light" tt="none">
                      {t(`outcomes.import.statuses.${r.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{f.number(r.processedRows)}</Table.Td>
                  <Table.Td ta="right">{f.number(r.rejectedRows)}</Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => onOpen(r.id)}
                      disabled={current === r.id}
                      aria-label={t('outcomes.wageImport.openNamed', { name: r.filename, when: f.dateTime(r.createdAt) })}
                    >
                      {t('outcomes.wageImport.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ListPagination page={page} pageSize={runs.data.pageSize} total={runs.data.total} onChange={setPage} />
        </>
      )}
    </section>
  );
}

/** While the job checks rows: how many of the file's rows, and how many rejected so far; then the write. */
function JobProgress({ run }: { run: OutcomeImport | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!run || (run.status === 'importing' && run.kind !== 'wages') || run.status === 'uploaded')
    return (
      <Stack gap={4} mt="md" maw={720}>
        <Text size="sm">{run?.status === 'importing' ? t('outcomes.import.writing') : t('outcomes.import.processing')}</Text>
        <Progress value={100} striped animated aria-label={t('outcomes.import.jobProgress')} />
      </Stack>
    );
  if (run.kind === 'wages') {
    // A streamed file's rows are unknown until its end: the bar counts bytes read of the upload.
    const read = run.totalBytes === 0 ? 100 : Math.min(100, Math.round((run.processedBytes / run.totalBytes) * 100));
    if (run.status === 'importing' && read >= 100)
      return (
        <Stack gap={4} mt="md" maw={720}>
          <Text size="sm">{t('outcomes.import.writing')}</Text>
          <Progress value={100} striped animated aria-label={t('outcomes.import.jobProgress')} />
        </Stack>
      );
    return (
      <Stack gap={4} mt="md" maw={720}>
        <Text size="sm" data-testid="job-progress">
          {t('outcomes.wageImport.reading', {
            percent: read,
            rows: f.number(run.processedRows),
            rejected: f.number(run.rejectedRows),
          })}
        </Text>
        <Progress value={read} aria-label={t('outcomes.import.jobProgress')} />
      </Stack>
    );
  }
  const pct = run.totalRows === 0 ? 0 : Math.min(100, Math.round((run.processedRows / run.totalRows) * 100));
  return (
    <Stack gap={4} mt="md" maw={720}>
      <Text size="sm" data-testid="job-progress">
        {t('outcomes.import.checking', {
          processed: f.number(run.processedRows),
          total: f.number(run.totalRows),
          rejected: f.number(run.rejectedRows),
        })}
      </Text>
      <Progress value={pct} aria-label={t('outcomes.import.jobProgress')} />
    </Stack>
  );
}

function ImportResult({ run }: { run: OutcomeImport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const shown = run.errors.slice((page - 1) * PAGE, page * PAGE);
  return (
    <section aria-labelledby="import-result">
      <Group mt="xl" mb="sm" gap="sm">
        <Title order={2} size="h3" id="import-result">
          {t('outcomes.import.result')}
        </Title>
        <Badge color={STATUS_COLORS[run.status]} variant="light" tt="none" data-testid="import-status">
          {t(`outcomes.import.statuses.${run.status}`)}
        </Badge>
      </Group>
      <Text mb="sm">{t(`outcomes.import.summary.${run.status}`, { defaultValue: '' })}</Text>
      {run.kind === 'wages' ? (
        <SimpleGrid cols={{ base: 2, sm: 3 }} mb="md" maw={720}>
          {(
            [
              ['processedRows', t('outcomes.import.counts.processedRows'), run.processedRows],
              ['acceptedRows', t('outcomes.wageImport.accepted'), run.processedRows - run.rejectedRows],
              ['addedRows', t('outcomes.wageImport.added'), run.importedRows - run.replacedRows],
              ['replacedRows', t('outcomes.wageImport.replaced'), run.replacedRows],
              ['unchangedRows', t('outcomes.import.counts.unchangedRows'), run.unchangedRows],
              ['rejectedRows', t('outcomes.import.counts.rejectedRows'), run.rejectedRows],
            ] as const
          ).map(([k, label, value]) => (
            <Paper withBorder p="sm" key={k}>
              <Text size="sm" c="dimmed">
                {label}
              </Text>
              <Text fw={700} size="xl" data-testid={`count-${k}`}>
                {f.number(value)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md" maw={720}>
          {(['processedRows', 'importedRows', 'unchangedRows', 'rejectedRows'] as const).map((k) => (
            <Paper withBorder p="sm" key={k}>
              <Text size="sm" c="dimmed">
                {t(`outcomes.import.counts.${k}`)}
              </Text>
              <Text fw={700} size="xl" data-testid={`count-${k}`}>
                {f.number(run[k])}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      {run.rejectedRows > 0 && (
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h4">
              {t('outcomes.import.rejectedTitle')}
            </Title>
            <Button component="a" href={rejectedCsvHref(run.id)} variant="default" download>
              {t('outcomes.import.downloadRejected')}
            </Button>
          </Group>
          {run.errors.length < run.rejectedRows && (
            <Alert variant="light">{t('outcomes.import.moreInReport', { shown: f.number(run.errors.length) })}</Alert>
          )}
          <Table striped data-testid="rejected-table">
            <Table.Caption className="visually-hidden">{t('outcomes.import.rejectedTitle')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('outcomes.import.line')}</Table.Th>
                <Table.Th scope="col">{t('outcomes.import.element')}</Table.Th>
                <Table.Th scope="col">{t('outcomes.import.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one line may have several rejected elements
                <Table.Tr key={`${e.line}-${e.element}-${i}`}>
                  <Table.Td>{e.line}</Table.Td>
                  <Table.Td>{e.element}</Table.Td>
                  <Table.Td>{e.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ListPagination page={page} pageSize={PAGE} total={run.errors.length} onChange={setPage} />
        </Stack>
      )}
    </section>
  );
}
