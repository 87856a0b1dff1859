import { Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../shared/schemas/participants.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { useFormat } from '../../../ui/format.ts';
import { QueryState } from '../../../ui/QueryState.tsx';
import { timelineQuery } from '../participants.api.ts';
import { Section } from './common.tsx';

/** The server's English facts, put into the reader's language where they are codes. */
function describe(t: TFunction, e: TimelineEvent): { title: string; detail: string | null } {
  const kind = t(`participants.timeline.kind.${e.kind}`, { defaultValue: e.title });
  switch (e.kind) {
    case 'service':
    case 'service_scheduled':
      return { title: `${kind}: ${t(`participants.activity.${e.title}`, { defaultValue: e.title })}`, detail: null };
    case 'skill_gain':
      return { title: `${kind}: ${t(`participants.skillGainType.${e.title}`, { defaultValue: e.title })}`, detail: null };
    case 'assessment':
      return { title: `${kind}: ${t(`participants.assessmentType.${e.title}`, { defaultValue: e.title })}`, detail: e.detail };
    case 'eligibility_determined':
      return {
        title: `${kind}: ${e.title.replace(/^Eligibility: /, '')}`,
        detail: e.detail && t(`participants.eligibility.result.${e.detail}`, { defaultValue: e.detail }),
      };
    case 'program_exit':
      return { title: kind, detail: e.detail && t(`participants.exitReason.${e.detail}`, { defaultValue: e.detail }) };
    case 'follow_up':
    case 'follow_up_due':
      return { title: kind, detail: e.detail && t(`participants.followUpStatus.${e.detail}`, { defaultValue: e.detail }) };
    case 'consent_given':
    case 'consent_revoked':
      return { title: kind, detail: e.detail };
    case 'credential':
    case 'training_enrolled':
    case 'training_completed':
    case 'training_withdrawn':
    case 'employment_started':
    case 'employment_ended':
    case 'plan':
    case 'case_note':
      return { title: `${kind}: ${e.title}`, detail: e.detail };
    default:
      return { title: kind, detail: e.detail };
  }
}

/** Every event of the case, oldest first, as the server orders them. */
export function TimelineTab({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const events = useQuery(timelineQuery(id));
  return (
    <Section title={t('participants.tabs.timeline')}>
      <QueryState query={events}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('participants.timeline.emptyTitle')}>{t('participants.timeline.empty')}</EmptyState>
          ) : (
            <Timeline bulletSize={14} lineWidth={2} component="ol" data-testid="timeline" style={{ listStyle: 'none', padding: 0 }}>
              {list.map((e, i) => {
                const { title, detail } = describe(t, e);
                return (
                  <Timeline.Item
                    key={`${e.kind}:${e.entityId ?? i}:${e.at}`}
                    component="li"
                    title={
                      <Text fw={600} span>
                        {title}
                      </Text>
                    }
                  >
                    <Stack gap={0}>
                      <Text size="sm" c="dimmed">
                        {f.dateTime(e.at)}
                      </Text>
                      {detail && <Text size="sm">{detail}</Text>}
                    </Stack>
                  </Timeline.Item>
                );
              })}
            </Timeline>
          )
        }
      </QueryState>
    </Section>
  );
}
