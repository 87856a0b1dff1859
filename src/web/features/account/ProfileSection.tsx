import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/roles.ts';
import { type Profile, updateProfileBody } from '../../../shared/schemas/account.ts';
import { api } from '../../api/client.ts';
import { applyLocale } from '../../i18n/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { meQuery } from '../auth/session.ts';
import { Section } from './Section.tsx';

const profileQuery = { queryKey: ['account', 'profile'], queryFn: () => api.get<Profile>('/account/profile') };

export function ProfileSection() {
  const { t } = useTranslation();
  const profile = useQuery(profileQuery);
  return (
    <Section id="profile-heading" title={t('account.profile.title')} description={t('account.profile.description')}>
      <QueryState query={profile}>{(p) => <ProfileForm profile={p} />}</QueryState>
    </Section>
  );
}

function toBody(v: { name: string; phone: string; locale: Locale }) {
  return { name: v.name.trim(), locale: v.locale, phone: v.phone.trim() === '' ? null : v.phone.trim() };
}

function ProfileForm({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: profile.name, phone: profile.phone ?? '', locale: profile.locale },
    validate: (v) => zodErrors(updateProfileBody, toBody(v), { phone: 'phone' }),
  });
  // The header's language switcher changes the same setting.
  const { setFieldValue } = form;
  useEffect(() => {
    const sync = (lng: string) => setFieldValue('locale', lng as Locale);
    i18n.on('languageChanged', sync);
    return () => i18n.off('languageChanged', sync);
  }, [i18n, setFieldValue]);

  const save = useMutation({
    mutationFn: (v: typeof form.values) => api.patch('/account/profile', toBody(v)),
    onSuccess: async (_r, v) => {
      form.resetDirty();
      await applyLocale(v.locale);
      await queryClient.invalidateQueries({ queryKey: profileQuery.queryKey });
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
    },
    onError: (e) => showServerErrors(form, e),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v), focusFirstError)}>
      <Stack>
        {save.isSuccess && !form.isDirty() && (
          <Alert color="green" variant="light" role="status">
            {t('forms.saved')}
          </Alert>
        )}
        {save.isError && <ErrorAlert error={save.error} title={t('forms.notSaved')} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.name')} autoComplete="name" required maxLength={200} {...form.getInputProps('name')} />
          <TextInput
            label={t('fields.email')}
            value={profile.email}
            readOnly
            variant="filled"
            description={t('account.profile.emailHint')}
          />
          <TextInput
            label={t('fields.phone')}
            description={t('account.profile.phoneHint')}
            type="tel"
            autoComplete="tel"
            maxLength={25}
            {...form.getInputProps('phone')}
          />
          <NativeSelect
            label={t('fields.language')}
            description={t('account.profile.languageHint')}
            data={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            {...form.getInputProps('locale')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('forms.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
