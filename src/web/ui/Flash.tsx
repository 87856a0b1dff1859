import { Alert } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

// A confirmation that outlives a navigation ("Invitation sent" on the page the form led to). It
// travels in the history entry's state, so it belongs to exactly that visit of that page.
export interface FlashMessage {
  key: string;
  values?: Record<string, string>;
}

declare module '@tanstack/history' {
  interface HistoryState {
    flash?: FlashMessage;
  }
}

export function Flash() {
  const { t } = useTranslation();
  const location = useRouterState({ select: (s) => s.location });
  const [dismissed, setDismissed] = useState<string | null>(null);
  const flash = location.state.flash;
  const entry = location.state.__TSR_key ?? location.href;
  if (!flash || dismissed === entry) return null;
  return (
    <Alert
      color="green"
      variant="light"
      role="status"
      mb="md"
      withCloseButton
      closeButtonLabel={t('common.dismiss')}
      onClose={() => setDismissed(entry)}
    >
      {t(flash.key, flash.values)}
    </Alert>
  );
}
