import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../../shared/schemas/participants.ts';
import { Detail } from '../../../ui/Detail.tsx';
import { useFormat } from '../../../ui/format.ts';
import { AnchorLink } from '../../../ui/links.tsx';
import { money } from '../labels.tsx';
import { Section } from './common.tsx';

export function OverviewTab({ p }: { p: Participant }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const c = p.contact;
  const d = p.demographics;
  const e = p.eligibilityFacts;
  const wages = p.employment?.preProgramWages;
  const list = (prefix: string, values: string[]) => values.map((v) => t(`${prefix}.${v}`)).join(', ');
  return (
    <Stack gap={0}>
      {p.missingForCompletion.length > 0 && p.access.canEdit && (
        <Section title={t('participants.overview.incomplete')}>
          <Text>
            {t('participants.overview.missing', {
              fields: p.missingForCompletion.map((m) => t(`participants.fields.${m}`, { defaultValue: m })).join(', '),
            })}
          </Text>
        </Section>
      )}
      {c && (
        <Section title={t('participants.overview.contact')}>
          <dl className="details">
            <Detail label={t('fields.email')}>{c.email && <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>}</Detail>
            <Detail label={t('fields.phone')}>{c.phone}</Detail>
            <Detail label={t('fields.address')}>
              {[c.addressLine1, c.addressLine2, [c.city, c.stateCode, c.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')}
            </Detail>
            <Detail label={t('fields.county')}>{c.countyName ? `${c.countyName} (${c.countyFips})` : c.countyFips}</Detail>
            <Detail label={t('participants.fields.preferredLanguage')}>
              {c.preferredLanguage && t(`participants.languages.${c.preferredLanguage}`, { defaultValue: c.preferredLanguage })}
            </Detail>
          </dl>
        </Section>
      )}
      {d && (
        <Section title={t('participants.overview.demographics')}>
          <dl className="details">
            <Detail label={t('participants.fields.dateOfBirth')}>{d.dateOfBirth && f.date(d.dateOfBirth)}</Detail>
            <Detail label={t('participants.fields.sex')}>{d.sex && t(`participants.sex.${d.sex}`)}</Detail>
            <Detail label={t('participants.fields.hispanic')}>{d.hispanic && t(`participants.yesNo.${d.hispanic}`)}</Detail>
            <Detail label={t('participants.fields.race')}>{list('participants.race', d.race)}</Detail>
            <Detail label={t('participants.fields.veteran')}>{d.veteran && t(`participants.yesNo.${d.veteran}`)}</Detail>
            <Detail label={t('participants.fields.disability')}>{d.disability && t(`participants.yesNo.${d.disability}`)}</Detail>
            <Detail label={t('participants.fields.barriers')}>{list('participants.barrier', d.barriers)}</Detail>
          </dl>
        </Section>
      )}
      {(p.education || p.employment) && (
        <Section title={t('participants.overview.educationEmployment')}>
          <dl className="details">
            <Detail label={t('participants.fields.schoolStatus')}>
              {p.education?.schoolStatus && t(`participants.schoolStatus.${p.education.schoolStatus}`)}
            </Detail>
            <Detail label={t('participants.fields.educationLevel')}>
              {p.education?.educationLevel && t(`participants.educationLevel.${p.education.educationLevel}`)}
            </Detail>
            <Detail label={t('participants.fields.employmentStatus')}>
              {p.employment?.employmentStatus && t(`participants.employmentStatus.${p.employment.employmentStatus}`)}
            </Detail>
            {wages && (
              <Detail label={t('participants.fields.preProgramWages')}>
                {[wages.q3PriorCents, wages.q2PriorCents, wages.q1PriorCents].some((w) => w !== null) &&
                  [wages.q3PriorCents, wages.q2PriorCents, wages.q1PriorCents].map((w) => money(w, i18n.language)).join(' · ')}
              </Detail>
            )}
          </dl>
        </Section>
      )}
      {e && (
        <Section title={t('participants.overview.eligibilityFacts')}>
          <dl className="details">
            <Detail label={t('participants.fields.publicAssistance')}>{list('participants.publicAssistance', e.publicAssistance)}</Detail>
            <Detail label={t('participants.fields.familySize')}>{e.familySize === null ? null : f.number(e.familySize)}</Detail>
            <Detail label={t('participants.fields.annualIncome')}>
              {e.annualFamilyIncomeCents === null ? null : money(e.annualFamilyIncomeCents, i18n.language)}
            </Detail>
            <Detail label={t('participants.fields.selectiveService')}>
              {e.selectiveService && t(`participants.selectiveService.${e.selectiveService}`)}
            </Detail>
            <Detail label={t('participants.fields.authorizedToWork')}>
              {e.authorizedToWork === null ? null : t(`participants.yesNo.${e.authorizedToWork ? 'yes' : 'no'}`)}
            </Detail>
            <Detail label={t('participants.fields.dislocation')}>
              {e.dislocation && t(`participants.dislocation.${e.dislocation.category}`)}
            </Detail>
          </dl>
        </Section>
      )}
      {p.links.length > 0 && (
        <Section title={t('participants.overview.links')}>
          <ul data-testid="participant-links">
            {p.links.map((l) => (
              <li key={l.participantId}>
                {l.visible ? (
                  <AnchorLink to="/participants/$participantId" params={{ participantId: l.participantId }}>
                    {l.name}
                  </AnchorLink>
                ) : (
                  t('participants.overview.hiddenLink')
                )}{' '}
                {l.organizationName && `(${l.organizationName})`} — {t(`participants.overview.linkReason.${l.reason}`)},{' '}
                {f.date(l.createdAt)}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Text size="sm" c="dimmed">
        {t('participants.overview.recordDates', { created: f.dateTime(p.createdAt), updated: f.dateTime(p.updatedAt) })}
      </Text>
    </Stack>
  );
}
