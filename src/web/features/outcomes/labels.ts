import { useTranslation } from 'react-i18next';
import { PARTNERSHIP_ONLY_INDICATORS, type TargetIndicator, type WioaDimension } from '../../../shared/schemas/outcomes.ts';

/** A disaggregation group's name: Braid's code translated, a county's FIPS as is, a provider's name. */
export function useGroupLabel() {
  const { t } = useTranslation();
  return (by: WioaDimension, key: string, label?: string) => {
    if (label) return label;
    if (key === 'unknown') return t('outcomes.groups.unknown');
    if (by === 'county' || by === 'provider') return key;
    return t(`outcomes.groups.${by}.${key}`, { defaultValue: key });
  };
}

/** A target indicator's name: the WIOA indicators' and Braid's own are named in separate lists. */
export function useIndicatorLabel() {
  const { t } = useTranslation();
  return (indicator: TargetIndicator) =>
    t(PARTNERSHIP_ONLY_INDICATORS.includes(indicator) ? `outcomes.own.${indicator}` : `outcomes.indicators.${indicator}`);
}
