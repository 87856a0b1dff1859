import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './errors.ts';

/** A failed request, in words, with a retry when one makes sense. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={title ?? t('common.somethingWentWrong')} role="alert">
      {errorMessage(t, error)}
      {onRetry && (
        <Button variant="default" size="xs" mt="sm" display="block" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
