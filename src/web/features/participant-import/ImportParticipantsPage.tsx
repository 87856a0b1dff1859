import { Alert, Badge, Button, Group, Input, NativeSelect, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportPreview, type ImportRun } from '../../../shared/schemas/participants.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { type Option, RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { useMe, usePermissions } from '../auth/session.ts';
import { searchOrganizations } from '../organizations/organizations.api.ts';
import {
  importRunQuery,
  type Mapping,
  previewImport,
  REQUIRED_FIELDS,
  rejectedReportUrl,
  startImport,
  uploadFile,
} from './participantImport.api.ts';

// The import wizard: upload → map columns → check every row → run (with live progress). Each step is
// a server call the API offers too; the page only keeps the choices between steps.

const STEPS = ['upload', 'mapping', 'preview', 'run'] as const;
type Step = (typeof STEPS)[number];

/** Rejected rows listed on the page; the downloadable report has all of them. */
const SHOWN_ERRORS = 200;

export function ImportParticipantsPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('upload');
  const [run, setRun] = useState<ImportRun | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [owner, setOwner] = useState<Option | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // A new step is announced by moving focus to its heading.
  const go = (next: Step) => setStep(next);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the step is the trigger.
  useEffect(() => {
    if (run) heading.current?.focus();
  }, [step]);

  const restart = () => {
    setRun(null);
    setMapping({});
    setPreview(null);
    go('upload');
  };

  return (
    <>
      <PageHeader title={t('participantImport.title')} description={t('participantImport.description')} />
      <Stack gap="lg">
        <StepList current={step} />
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h3" mb="md" ref={heading} tabIndex={-1} data-testid="step-heading">
            {t(`participantImport.steps.${step}`)}
          </Title>
          {step === 'upload' && (
            <UploadStep
              onUploaded={(r) => {
                setRun(r);
                setMapping(r.suggestedMapping);
                go('mapping');
              }}
            />
          )}
          {step === 'mapping' && run && (
            <MappingStep
              run={run}
              mapping={mapping}
              onMapping={setMapping}
              owner={owner}
              onOwner={setOwner}
              onBack={restart}
              onChecked={(p) => {
                setPreview(p);
                go('preview');
              }}
            />
          )}
          {step === 'preview' && run && preview && (
            <PreviewStep
              run={run}
              preview={preview}
              onBack={() => go('mapping')}
              onStart={async (mode) => {
                const started = await startImport(run.id, { mapping, ownerOrganizationId: owner?.value, mode });
                setRun(started);
                go('run');
              }}
            />
          )}
          {step === 'run' && run && <RunStep runId={run.id} initial={run} onAgain={restart} />}
        </Paper>
      </Stack>
    </>
  );
}

function StepList({ current }: { current: Step }) {
  const { t } = useTranslation();
  const at = STEPS.indexOf(current);
  return (
    <nav aria-label={t('participantImport.steps.label')}>
      <Group component="ol" gap="lg" className="import-steps" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === current ? 'step' : undefined}>
            <Group gap={6} wrap="nowrap">
              <Badge variant={i <= at ? 'filled' : 'outline'} color={i < at ? 'teal' : 'indigo'} circle aria-hidden>
                {i + 1}
              </Badge>
              <Text fw={s === current ? 700 : 500} c={i <= at ? 'dark' : 'gray.7'}>
                {t(`participantImport.steps.${s}`)}
              </Text>
            </Group>
          </li>
        ))}
      </Group>
    </nav>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (run: ImportRun) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!file) {
      setMissing(true);
      document.getElementById('import-file')?.focus();
      return;
    }
    setBusy(true);
    try {
      onUploaded(await uploadFile(file, me.csrfToken));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={560}>
        <Text>{t('participantImport.upload.intro')}</Text>
        <Input.Wrapper
          id="import-file"
          label={t('participantImport.upload.file')}
          description={t('participantImport.upload.fileHint')}
          error={missing ? t('participantImport.upload.fileRequired') : undefined}
          required
        >
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={missing || undefined}
            aria-describedby={missing ? 'import-file-error' : 'import-file-description'}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setMissing(false);
            }}
            style={{ display: 'block', marginTop: 6 }}
          />
        </Input.Wrapper>
        {error ? <ErrorAlert error={error} /> : null}
        <Group>
          <Button type="submit" loading={busy}>
            {t('participantImport.upload.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MappingStep({
  run,
  mapping,
  onMapping,
  owner,
  onOwner,
  onBack,
  onChecked,
}: {
  run: ImportRun;
  mapping: Mapping;
  onMapping: (m: Mapping) => void;
  owner: Option | null;
  onOwner: (o: Option | null) => void;
  onBack: () => void;
  onChecked: (p: ImportPreview) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const choosesOwner = can('participants.read_all');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const unmapped = REQUIRED_FIELDS.filter((field) => !mapping[field]);
  const ownerMissing = choosesOwner && !owner;
  const matched = IMPORT_FIELDS.filter((field) => mapping[field] && mapping[field] === run.suggestedMapping[field]).length;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    if (unmapped.length > 0 || ownerMissing) {
      const first = unmapped[0] ? `map-${unmapped[0]}` : null;
      if (first) document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    try {
      onChecked(await previewImport(run.id, { mapping, ownerOrganizationId: owner?.value }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>
          {t('participantImport.mapping.intro', {
            file: run.filename,
            rows: f.number(run.totalRows),
            columns: f.number(run.headers.length),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('participantImport.mapping.matched', { count: matched })}
        </Text>
        {choosesOwner && (
          <RemoteSelect
            label={t('participantImport.mapping.owner')}
            description={t('participantImport.mapping.ownerHint')}
            value={owner?.value ?? null}
            selected={owner}
            queryKey={['organizations', 'pick']}
            search={searchOrganizations}
            onChange={onOwner}
            required
            error={submitted && ownerMissing ? t('participantImport.mapping.ownerRequired') : undefined}
            testId="owner-select"
          />
        )}
        <Table withTableBorder verticalSpacing="xs" aria-label={t('participantImport.mapping.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('participantImport.mapping.field')}</Table.Th>
              <Table.Th scope="col">{t('participantImport.mapping.column')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {IMPORT_FIELDS.map((field) => {
              const required = REQUIRED_FIELDS.includes(field);
              const auto = mapping[field] !== undefined && mapping[field] === run.suggestedMapping[field];
              return (
                <Table.Tr key={field}>
                  <Table.Th scope="row" fw={500}>
                    <Group gap="xs">
                      <label htmlFor={`map-${field}`}>{t(`participantImport.fields.${field}`)}</label>
                      {required && (
                        <Badge size="sm" color="red" variant="light" tt="none">
                          {t('participantImport.mapping.required')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Th>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <NativeSelect
                        id={`map-${field}`}
                        value={mapping[field] ?? ''}
                        required={required}
                        miw={220}
                        error={submitted && required && !mapping[field] ? t('participantImport.mapping.fieldRequired') : undefined}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          const next = { ...mapping };
                          if (v) next[field] = v;
                          else delete next[field];
                          onMapping(next);
                        }}
                      >
                        <option value="">{t('participantImport.mapping.notImported')}</option>
                        {run.headers.map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                      </NativeSelect>
                      {auto && (
                        <Badge size="sm" color="teal" variant="light" tt="none" mt={8}>
                          {t('participantImport.mapping.auto')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {error ? <ErrorAlert error={error} /> : null}
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('participantImport.mapping.back')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('participantImport.mapping.check')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function fieldLabel(t: (k: string) => string, field: string): string {
  return (IMPORT_FIELDS as readonly string[]).includes(field) ? t(`participantImport.fields.${field}`) : field;
}

function RejectedRows({ runId, errors, rejected }: { runId: string; errors: ImportRun['errors']; rejected: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (rejected === 0) return null;
  const shown = errors.slice(0, SHOWN_ERRORS);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('participantImport.preview.rejectedTitle', { count: rejected })}
        </Title>
        <Button component="a" href={rejectedReportUrl(runId)} download="rejected-rows.csv" variant="default">
          {t('participantImport.preview.download')}
        </Button>
      </Group>
      <Table striped withTableBorder data-testid="rejected-rows" aria-label={t('participantImport.preview.rejectedTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('participantImport.preview.line')}</Table.Th>
            <Table.Th scope="col">{t('participantImport.preview.field')}</Table.Th>
            <Table.Th scope="col">{t('participantImport.preview.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((e) => (
            // A line has one entry per field at fault, and one field has one reason.
            <Table.Tr key={`${e.line}-${e.field}-${e.reason}`}>
              <Table.Td>{f.number(e.line)}</Table.Td>
              <Table.Td>{fieldLabel(t, e.field)}</Table.Td>
              {/* The server's stable code, worded here in the reader's language (its English reason is for the CSV). */}
              <Table.Td>{t(`participantImport.rejection.${e.code}`, { ...e.params, defaultValue: e.reason })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {errors.length > shown.length && (
        <Text size="sm" c="dimmed">
          {t('participantImport.preview.more', { count: errors.length - shown.length })}
        </Text>
      )}
    </Stack>
  );
}

function PreviewStep({
  run,
  preview,
  onBack,
  onStart,
}: {
  run: ImportRun;
  preview: ImportPreview;
  onBack: () => void;
  onStart: (mode: 'all_or_nothing' | 'skip_invalid') => Promise<void>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      // With rejected rows, running means importing the others; a clean file goes in all or nothing.
      await onStart(preview.rejectedRows > 0 ? 'skip_invalid' : 'all_or_nothing');
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('participantImport.preview.total')} value={f.number(preview.totalRows)} testId="preview-total" />
        <Stat label={t('participantImport.preview.new')} value={f.number(preview.newRows)} testId="preview-new" />
        <Stat label={t('participantImport.preview.existing')} value={f.number(preview.alreadyImportedRows)} testId="preview-existing" />
        <Stat label={t('participantImport.preview.rejected')} value={f.number(preview.rejectedRows)} testId="preview-rejected" />
      </SimpleGrid>
      {preview.rejectedRows === 0 ? (
        <Alert color="teal" variant="light" role="status" title={t('participantImport.preview.allValid')} />
      ) : (
        <Text>{t('participantImport.preview.rejectedIntro')}</Text>
      )}
      {preview.alreadyImportedRows > 0 && (
        <Text>{t('participantImport.preview.existingIntro', { count: preview.alreadyImportedRows })}</Text>
      )}
      <RejectedRows runId={run.id} errors={preview.errors} rejected={preview.rejectedRows} />
      {error ? <ErrorAlert error={error} /> : null}
      <Group>
        <Button variant="default" onClick={onBack}>
          {t('participantImport.preview.back')}
        </Button>
        <Button onClick={start} loading={busy} disabled={preview.validRows === 0}>
          {preview.rejectedRows > 0
            ? t('participantImport.preview.runSkipping', { count: preview.validRows })
            : t('participantImport.preview.run', { count: preview.validRows })}
        </Button>
      </Group>
    </Stack>
  );
}

function RunStep({ runId, initial, onAgain }: { runId: string; initial: ImportRun; onAgain: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const query = useQuery({ ...importRunQuery(runId), initialData: initial });
  const run = query.data;
  const pct = run.totalRows === 0 ? 100 : Math.round((run.processedRows / run.totalRows) * 100);
  const working = run.status === 'importing';
  return (
    <Stack gap="md">
      <Progress
        value={pct}
        size="xl"
        animated={working}
        color={run.status === 'completed' ? 'teal.8' : 'indigo.8'}
        aria-label={t('participantImport.run.progressLabel')}
      />
      <Text role="status" aria-live="polite" data-testid="run-progress">
        {t('participantImport.run.progress', { processed: f.number(run.processedRows), total: f.number(run.totalRows) })}
        {working ? ` ${t('participantImport.run.working')}` : ''}
      </Text>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {run.status === 'completed' && (
        <Alert color="teal" variant="light" title={t('participantImport.run.done')} data-testid="run-done">
          <Stack gap={4}>
            <Text data-testid="run-imported">{t('participantImport.run.imported', { count: run.importedRows })}</Text>
            <Text>{t('participantImport.run.skipped', { count: run.skippedRows })}</Text>
            <Text>{t('participantImport.run.rejected', { count: run.rejectedRows })}</Text>
          </Stack>
        </Alert>
      )}
      {run.status === 'rejected' && (
        <Alert color="red" variant="light" role="alert" title={t('participantImport.run.rejectedTitle')}>
          {t('participantImport.run.rejectedText')}
        </Alert>
      )}
      {run.status === 'failed' && (
        <Alert color="red" variant="light" role="alert" title={t('participantImport.run.failedTitle')}>
          {t('participantImport.run.failedText')}
        </Alert>
      )}
      {!working && <RejectedRows runId={runId} errors={run.errors} rejected={run.rejectedRows} />}
      {!working && (
        <Group>
          <Button onClick={onAgain}>{t('participantImport.run.again')}</Button>
        </Group>
      )}
    </Stack>
  );
}
