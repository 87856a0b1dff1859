import { Container, Stack, Text } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { AnchorLink } from '../ui/links.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack p="md" component="section">
      <PageHeader title={t('notFound.title')} />
      <Text>{t('notFound.body')}</Text>
      <AnchorLink to="/">{t('notFound.home')}</AnchorLink>
    </Stack>
  );
}

/** Outside the signed-in shell (no header or navigation), the page still needs its landmark. */
export function StandaloneNotFoundPage() {
  return (
    <Container component="main" id="main" size="sm" py="xl">
      <NotFoundPage />
    </Container>
  );
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <Stack p="md">
      <ErrorAlert error={error} onRetry={reset} />
    </Stack>
  );
}
