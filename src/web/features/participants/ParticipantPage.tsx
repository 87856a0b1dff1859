import { Alert, Badge, Button, Group, Modal, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataCategory, Participant } from '../../../shared/schemas/participants.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { usePermissions } from '../auth/session.ts';
import { JobPreferencesSection } from './JobPreferencesSection.tsx';
import { ParticipantStatusBadge } from './labels.tsx';
import { PARTICIPANT_TABS, type ParticipantTab, participantQuery } from './participants.api.ts';
import { ConsentTab } from './sections/ConsentTab.tsx';
import { EligibilityTab } from './sections/EligibilityTab.tsx';
import { EmploymentTab } from './sections/EmploymentTab.tsx';
import { FollowUpsTab } from './sections/FollowUpsTab.tsx';
import { NotesTab } from './sections/NotesTab.tsx';
import { OverviewTab } from './sections/OverviewTab.tsx';
import { PlanTab } from './sections/PlanTab.tsx';
import { ProgramsTab } from './sections/ProgramsTab.tsx';
import { ServicesTab } from './sections/ServicesTab.tsx';
import { TimelineTab } from './sections/TimelineTab.tsx';
import { TrainingTab } from './sections/TrainingTab.tsx';

const route = getRouteApi('/app/participants/$participantId');

/** Tabs someone outside the owning organization sees, by the data category consent gives them. */
const TAB_CATEGORY: Partial<Record<ParticipantTab, DataCategory>> = {
  plan: 'assessments',
  training: 'education_training',
  employment: 'employment_wages',
  notes: 'case_notes',
};
const OWNER_ONLY: ParticipantTab[] = ['consent', 'eligibility', 'programs', 'services', 'followUps'];

export function ParticipantPage() {
  const { participantId } = route.useParams();
  const participant = useQuery(participantQuery(participantId));
  return <QueryState query={participant}>{(p) => <ParticipantView p={p} />}</QueryState>;
}

function ParticipantView({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const tabs = PARTICIPANT_TABS.filter((tab) => {
    if (OWNER_ONLY.includes(tab)) return p.access.canEdit;
    const category = TAB_CATEGORY[tab];
    return !category || p.access.basis !== 'consent' || p.access.categories.includes(category);
  });
  const tab = search.tab && tabs.includes(search.tab) ? search.tab : 'overview';
  const name = [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');
  return (
    <>
      <PageHeader
        title={name}
        description={<HeaderFacts p={p} />}
        actions={
          p.status === 'draft' && p.access.canEdit ? (
            <ButtonLink to="/participants/new" search={{ id: p.id }}>
              {t('participants.intake.resume')}
            </ButtonLink>
          ) : (
            // Sending a referral needs the right to change the record (docs/referrals.md).
            p.access.canEdit &&
            can('referrals.send') && (
              <ButtonLink to="/referrals/new" search={{ participant: p.id }} variant="light">
                {t('directory.refer')}
              </ButtonLink>
            )
          )
        }
      />
      {p.mergedIntoId && (
        <Alert color="gray" mb="md" title={t('participants.merged.title')}>
          {t('participants.merged.body')}
        </Alert>
      )}
      {p.access.basis === 'consent' && (
        <Alert color="blue" mb="md" title={t('participants.shared.title')}>
          {t('participants.shared.body', { organization: p.ownerOrganization.name })}
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(v) =>
          navigate({ search: { tab: (v as ParticipantTab) === 'overview' ? undefined : (v as ParticipantTab) }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`participants.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewTab p={p} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <TimelineTab id={p.id} />
        </Tabs.Panel>
        <Tabs.Panel value="consent">
          <ConsentTab
            p={p}
            prefill={
              search.consentOrg
                ? { organizationId: search.consentOrg, categories: (search.consentCategories ?? '').split(',').filter(Boolean) }
                : undefined
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="eligibility">
          <EligibilityTab p={p} />
        </Tabs.Panel>
        <Tabs.Panel value="programs">
          <ProgramsTab p={p} />
        </Tabs.Panel>
        <Tabs.Panel value="plan">
          <PlanTab p={p} />
        </Tabs.Panel>
        <Tabs.Panel value="services">
          <ServicesTab p={p} />
        </Tabs.Panel>
        <Tabs.Panel value="training">
          <TrainingTab p={p} />
        </Tabs.Panel>
        <Tabs.Panel value="employment">
          <EmploymentTab p={p} />
          <JobPreferencesSection p={p} />
        </Tabs.Panel>
        <Tabs.Panel value="followUps">
          <FollowUpsTab p={p} />
        </Tabs.Panel>
        <Tabs.Panel value="notes">
          <NotesTab p={p} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function HeaderFacts({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const can = usePermissions();
  return (
    <Group gap="md" component="span" wrap="wrap">
      <ParticipantStatusBadge status={p.status} />
      <Text span size="sm">
        {p.ownerOrganization.name}
        {p.navigator ? ` · ${t('participants.header.navigator', { name: p.navigator.name })}` : ''}
      </Text>
      {p.ssnMasked && (
        <Group gap={6} component="span" wrap="nowrap">
          <Text span size="sm">
            {t('participants.fields.ssn')}:{' '}
            <Text span ff="monospace" data-testid="ssn-masked">
              {p.ssnMasked}
            </Text>
          </Text>
          {can('participants.reveal') && p.access.canEdit && <RevealButton id={p.id} field="ssn" />}
        </Group>
      )}
      {p.externalId && (
        <Badge variant="outline" color="gray" tt="none">
          {t('participants.fields.externalId')}: {p.externalId}
        </Badge>
      )}
    </Group>
  );
}

/** Shows a masked value in full, for a stated reason that goes into the audit log. */
function RevealButton({ id, field }: { id: string; field: 'ssn' | 'dateOfBirth' }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const reveal = useMutation({
    mutationFn: () => api.post<{ value: string | null }>(`/participants/${id}/reveal`, { field, reason: reason.trim() }),
    onSuccess: close,
  });
  if (reveal.data) {
    // Shown until hidden or the page is left; revealing again asks for a reason again.
    return (
      <Group gap={6} component="span" wrap="nowrap">
        <Text span ff="monospace" size="sm" fw={700} data-testid="ssn-revealed">
          {reveal.data.value ?? '—'}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            reveal.reset();
            setReason('');
          }}
        >
          {t('participants.reveal.hide')}
        </Button>
      </Group>
    );
  }
  const tooShort = reason.trim().length < 5;
  return (
    <>
      <Button size="compact-xs" variant="light" onClick={open}>
        {t('participants.reveal.action')}
      </Button>
      <Modal.Root opened={opened} onClose={close} centered>
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header component="div">
            <Modal.Title fw={650} fz="lg">
              {t('participants.reveal.title')}
            </Modal.Title>
            <Modal.CloseButton aria-label={t('common.close')} />
          </Modal.Header>
          <Modal.Body>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (!tooShort) reveal.mutate();
              }}
            >
              <Stack>
                <Text size="sm">{t('participants.reveal.body')}</Text>
                <Textarea
                  label={t('participants.reveal.reason')}
                  required
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  maxLength={500}
                  data-autofocus
                  description={t('participants.reveal.reasonHint')}
                />
                {reveal.isError && <ErrorAlert error={reveal.error} />}
                <Group justify="flex-end">
                  <Button variant="default" onClick={close}>
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" disabled={tooShort} loading={reveal.isPending}>
                    {t('participants.reveal.confirm')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}
