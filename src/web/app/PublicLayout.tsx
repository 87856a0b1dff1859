import { Box, Container, Group, Paper, Text } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { pickLanguageBeforeSignIn } from '../features/auth/session.ts';
import { applyLocale } from '../i18n/i18n.ts';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';
import { SkipLink } from './AppLayout.tsx';

/** Sign-in and the pages emailed links open: one card, with the language choice at hand. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.1">
      <SkipLink />
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="sm" py="sm">
          <Group justify="space-between">
            <Text fw={800} size="lg" c="indigo.9">
              {t('app.name')}
            </Text>
            <LanguageSwitcher
              onChange={async (locale) => {
                pickLanguageBeforeSignIn(locale);
                await applyLocale(locale);
              }}
            />
          </Group>
        </Container>
      </Box>
      <Container size={460} py={48} component="main" id="main" tabIndex={-1}>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Outlet />
        </Paper>
        <Text size="sm" c="gray.7" ta="center" mt="lg">
          {t('app.tagline')}
        </Text>
      </Container>
    </Box>
  );
}
