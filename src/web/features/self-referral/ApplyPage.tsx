import { Alert, Box, Button, Checkbox, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SELF_REFERRAL_LANGUAGES, selfReferralBody } from '../../../shared/schemas/self-referral.ts';
import { isApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError, showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/QueryState.tsx';
import { publicServiceQuery, submitSelfReferral } from './selfReferral.api.ts';

const route = getRouteApi('/public/apply/$tenantSlug/$serviceId');

/** The public self-referral form of one service: no account, one short form, and what happens next. */
export function ApplyPage() {
  const { t } = useTranslation();
  const { tenantSlug, serviceId } = route.useParams();
  const page = useQuery(publicServiceQuery(tenantSlug, serviceId));
  if (page.isPending) return <Loading />;
  if (page.isError) {
    return (
      <Stack>
        <PageHeader title={t('selfReferral.apply.notFoundTitle')} />
        <Text>
          {isApiError(page.error) && page.error.status === 404 ? t('selfReferral.apply.notFound') : t('common.somethingWentWrong')}
        </Text>
      </Stack>
    );
  }
  return <ApplyForm slug={tenantSlug} serviceId={serviceId} data={page.data} />;
}

type Values = {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  place: string;
  preferredLanguage: string;
  need: string;
  consent: boolean;
  website: string;
};

function ApplyForm({
  slug,
  serviceId,
  data,
}: {
  slug: string;
  serviceId: string;
  data: { partnership: string; service: { name: string; description: string | null }; organization: { name: string }; formToken: string };
}) {
  const { t, i18n } = useTranslation();
  const toBody = (v: Values) => ({ ...v, formToken: data.formToken, locale: i18n.language === 'es' ? 'es' : 'en' });
  const form = useForm<Values>({
    initialValues: {
      firstName: '',
      lastName: '',
      phone: '',
      email: '',
      place: '',
      preferredLanguage: i18n.language === 'es' ? 'es' : 'en',
      need: '',
      consent: false,
      website: '',
    },
    validate: (v) => {
      const errors = zodErrors(selfReferralBody, toBody(v), { phone: 'phone' });
      if (errors.consent) errors.consent = t('selfReferral.apply.consentRequired');
      // The schema's "one of the two" rule only runs once every other field passes; say it at once.
      if (!v.phone.trim() && !v.email.trim()) errors.phone = t('selfReferral.apply.contactRequired');
      return errors;
    },
  });
  const send = useMutation({
    mutationFn: (v: Values) => submitSelfReferral(slug, serviceId, toBody(v)),
    onError: (e) => showServerErrors(form, e),
  });

  if (send.isSuccess) {
    return (
      <Stack>
        <PageHeader title={t('selfReferral.apply.thanksTitle')} />
        <Alert color="green" variant="light" role="status">
          {t('selfReferral.apply.thanks', { service: data.service.name })}
        </Alert>
        <Title order={2} size="h4">
          {t('selfReferral.apply.nextTitle')}
        </Title>
        <Box component="ol" m={0} pl="lg">
          <li>{t('selfReferral.apply.next1', { partnership: data.partnership })}</li>
          <li>{t('selfReferral.apply.next2', { organization: data.organization.name })}</li>
          <li>{t('selfReferral.apply.next3')}</li>
        </Box>
      </Stack>
    );
  }

  const tokenProblem = isApiError(send.error) ? send.error.fieldErrors.find((e) => e.field === 'body.formToken') : undefined;
  return (
    <form noValidate onSubmit={form.onSubmit((v) => send.mutate(v), focusFirstError)} aria-label={t('selfReferral.apply.formLabel')}>
      <Stack>
        <PageHeader title={data.service.name} description={t('selfReferral.apply.offeredBy', { organization: data.organization.name })} />
        {data.service.description && <Text size="sm">{data.service.description}</Text>}
        <Text size="sm">{t('selfReferral.apply.intro', { partnership: data.partnership })}</Text>
        {send.isError &&
          (tokenProblem ? (
            <Alert color="red" variant="light" role="alert" title={t('forms.notSaved')}>
              {t(`selfReferral.apply.${tokenProblem.code}`, { defaultValue: t('selfReferral.apply.token_invalid') })}
            </Alert>
          ) : (
            <ErrorAlert error={send.error} title={t('forms.notSaved')} />
          ))}
        <TextInput label={t('selfReferral.fields.firstName')} autoComplete="given-name" required {...form.getInputProps('firstName')} />
        <TextInput label={t('selfReferral.fields.lastName')} autoComplete="family-name" required {...form.getInputProps('lastName')} />
        <Text size="sm" fw={500} id="contact-help">
          {t('selfReferral.apply.contactHelp')}
        </Text>
        <TextInput
          label={t('selfReferral.fields.phone')}
          type="tel"
          autoComplete="tel"
          aria-describedby="contact-help"
          {...form.getInputProps('phone')}
        />
        <TextInput
          label={t('selfReferral.fields.email')}
          type="email"
          autoComplete="email"
          aria-describedby="contact-help"
          {...form.getInputProps('email')}
        />
        <TextInput
          label={t('selfReferral.fields.place')}
          description={t('selfReferral.fields.placeHelp')}
          autoComplete="postal-code"
          required
          {...form.getInputProps('place')}
        />
        <Select
          label={t('selfReferral.fields.preferredLanguage')}
          required
          allowDeselect={false}
          data={SELF_REFERRAL_LANGUAGES.map((l) => ({ value: l, label: t(`selfReferral.languages.${l}`) }))}
          {...form.getInputProps('preferredLanguage')}
        />
        <Textarea
          label={t('selfReferral.fields.need')}
          description={t('selfReferral.fields.needHelp')}
          autosize
          minRows={4}
          maxLength={2000}
          required
          {...form.getInputProps('need')}
        />
        {/* The honeypot: hidden from people and from assistive technology; bots fill every field. */}
        <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
          <label>
            Website
            <input type="text" name="website" tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
          </label>
        </div>
        <Checkbox
          label={t('selfReferral.fields.consent', { partnership: data.partnership, organization: data.organization.name })}
          {...form.getInputProps('consent', { type: 'checkbox' })}
        />
        <Button type="submit" loading={send.isPending} fullWidth>
          {t('selfReferral.apply.submit')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('selfReferral.apply.privacy')}
        </Text>
      </Stack>
    </form>
  );
}
