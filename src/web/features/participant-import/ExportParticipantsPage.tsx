import { Button, Checkbox, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTICIPANT_STATUSES, type ParticipantStatus } from '../../../shared/schemas/participants.ts';
import { withQuery } from '../../api/client.ts';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { usePermissions } from '../auth/session.ts';
import { InitiativeFilter } from '../initiatives/InitiativeFilter.tsx';

// Files out of Braid. Case staff export the list they can see (identified, audited, formula-escaped);
// analysts get the de-identified participant-level file instead. The files come straight from the
// API as downloads, so the links below are the whole feature.

const FORMATS = ['csv', 'xlsx'] as const;

export function ExportParticipantsPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  return (
    <>
      <PageHeader title={t('participantImport.export.title')} description={t('participantImport.export.description')} />
      <Stack gap="lg">
        {can('participants.export') && <IdentifiedExport />}
        {can('participants.export_deidentified') && <DeidentifiedExport />}
      </Stack>
    </>
  );
}

function StatusFilter({ value, onChange }: { value: ParticipantStatus | undefined; onChange: (v: ParticipantStatus | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <FilterSelect
      label={t('participantImport.export.status')}
      allLabel={t('participantImport.export.allStatuses')}
      value={value}
      options={PARTICIPANT_STATUSES.filter((s) => s !== 'merged').map((s) => ({
        value: s,
        label: t(`participantImport.export.statuses.${s}`),
      }))}
      onChange={onChange}
    />
  );
}

function Downloads({ path, query, testId }: { path: string; query: Record<string, string | undefined>; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" data-testid={testId}>
      {FORMATS.map((format) => (
        <Button
          key={format}
          component="a"
          href={`/api${withQuery(path, { ...query, format })}`}
          download
          variant={format === 'csv' ? 'filled' : 'default'}
        >
          {t(`participantImport.export.download.${format}`)}
        </Button>
      ))}
    </Group>
  );
}

function IdentifiedExport() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ParticipantStatus | undefined>();
  const [mine, setMine] = useState(false);
  const [initiativeId, setInitiativeId] = useState<string | undefined>();
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="export-list">
      <Stack gap="md">
        <Title order={2} size="h3" id="export-list">
          {t('participantImport.export.listTitle')}
        </Title>
        <Text>{t('participantImport.export.listIntro')}</Text>
        <Group align="flex-end" gap="md" wrap="wrap">
          <SearchInput label={t('participantImport.export.search')} value={q} onSearch={setQ} />
          <StatusFilter value={status} onChange={setStatus} />
          <InitiativeFilter value={initiativeId} onChange={setInitiativeId} />
        </Group>
        <Checkbox label={t('participantImport.export.mine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
        <Text size="sm" c="dimmed">
          {t('participantImport.export.listNote')}
        </Text>
        <Downloads
          path="/participants/export"
          query={{ q: q || undefined, status, initiativeId, mine: mine ? 'true' : undefined }}
          testId="identified-downloads"
        />
      </Stack>
    </Paper>
  );
}

function DeidentifiedExport() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ParticipantStatus | undefined>();
  const [initiativeId, setInitiativeId] = useState<string | undefined>();
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="export-deidentified">
      <Stack gap="md">
        <Title order={2} size="h3" id="export-deidentified">
          {t('participantImport.export.deidentifiedTitle')}
        </Title>
        <Text>{t('participantImport.export.deidentifiedIntro')}</Text>
        <List spacing={4}>
          <List.Item>{t('participantImport.export.rules.noIdentifiers')}</List.Item>
          <List.Item>{t('participantImport.export.rules.pseudonym')}</List.Item>
          <List.Item>{t('participantImport.export.rules.coarsened')}</List.Item>
          <List.Item>{t('participantImport.export.rules.smallCells')}</List.Item>
        </List>
        <Group align="flex-end">
          <StatusFilter value={status} onChange={setStatus} />
          <InitiativeFilter value={initiativeId} onChange={setInitiativeId} />
        </Group>
        <Downloads path="/participants/export/deidentified" query={{ status, initiativeId }} testId="deidentified-downloads" />
      </Stack>
    </Paper>
  );
}
