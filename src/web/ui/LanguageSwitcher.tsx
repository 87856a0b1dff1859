import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../shared/roles.ts';
import { currentLocale, isLocale } from '../i18n/i18n.ts';

// Each language is named in itself, so anyone can find their own.
const NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

export function LanguageSwitcher({ onChange }: { onChange: (locale: Locale) => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <NativeSelect
      size="xs"
      aria-label={t('app.language')}
      value={currentLocale()}
      disabled={busy}
      data-testid="language-switcher"
      onChange={async (e) => {
        const value = e.currentTarget.value;
        if (!isLocale(value)) return;
        setBusy(true);
        try {
          await onChange(value);
        } finally {
          setBusy(false);
        }
      }}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {NAMES[l]}
        </option>
      ))}
    </NativeSelect>
  );
}
