import type { TFunction } from 'i18next';
import type { ConflictReason, QuorumRule } from '../../../shared/schemas/governance.ts';

// Sentences about governance records, shared by the pages.

export function quorumRuleText(t: TFunction, rule: QuorumRule): string {
  if (rule.kind === 'majority') return t('governance.quorumRules.majority');
  if (rule.kind === 'percent') return t('governance.quorumRules.percent', { value: rule.value });
  return t('governance.quorumRules.count', { count: rule.value });
}

export function conflictText(t: TFunction, reason: ConflictReason): string {
  return t(`governance.conflicts.${reason.source}`, {
    kind: t(`governance.interestKinds.${reason.kind}`, { defaultValue: reason.kind }),
    organization: reason.organizationName,
  });
}
