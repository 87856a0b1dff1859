import { Anchor, Badge, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../shared/schemas/organizations.ts';
import { Detail } from '../../ui/Detail.tsx';
import { useFormat } from '../../ui/format.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { AuditPanel } from '../audit/AuditPanel.tsx';
import { usePermissions } from '../auth/session.ts';
import { organizationQuery } from './organizations.api.ts';

const route = getRouteApi('/app/admin/organizations/$organizationId');

export function OrganizationDetailPage() {
  const { organizationId } = route.useParams();
  const organization = useQuery(organizationQuery(organizationId));
  return <QueryState query={organization}>{(o) => <OrganizationDetail organization={o} />}</QueryState>;
}

function OrganizationDetail({ organization: o }: { organization: Organization }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = usePermissions();
  const missing = !o.naics || !o.countyFips;
  const address = [o.addressLine1, [o.city, o.stateCode].filter(Boolean).join(', '), o.postalCode].filter(Boolean).join(' · ');
  return (
    <>
      <PageHeader
        title={o.name}
        description={
          <Badge variant="light" color="gray" tt="none" component="span">
            {t(`organizationKinds.${o.kind}`)}
          </Badge>
        }
        actions={
          <>
            {can('users.read') && (
              <ButtonLink to="/admin/users" search={{ organizationId: o.id }} variant="default">
                {t('organizations.detail.people', { count: o.memberCount })}
              </ButtonLink>
            )}
            {can('organizations.manage') && (
              <ButtonLink to="/admin/organizations/$organizationId/edit" params={{ organizationId: o.id }}>
                {t('common.edit')}
              </ButtonLink>
            )}
          </>
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            {missing && can('organizations.manage') && (
              <Paper withBorder p="md" bg="yellow.0">
                <Text>{t('organizations.detail.incomplete')}</Text>
              </Paper>
            )}
            <Paper withBorder p="lg" component="section" aria-labelledby="org-details">
              <Title order={2} size="h4" id="org-details" mb="md">
                {t('organizations.detail.details')}
              </Title>
              <dl className="details">
                <Detail label={t('fields.description')}>{o.description}</Detail>
                <Detail label={t('fields.ein')}>{o.ein}</Detail>
                <Detail label={t('fields.naics')}>{o.naics && `${o.naics} — ${o.naicsTitle ?? ''}`}</Detail>
                <Detail label={t('fields.email')}>{o.email && <Anchor href={`mailto:${o.email}`}>{o.email}</Anchor>}</Detail>
                <Detail label={t('fields.phone')}>{o.phone}</Detail>
                <Detail label={t('fields.website')}>
                  {o.website && (
                    <Anchor href={o.website} target="_blank" rel="noopener noreferrer">
                      {o.website}
                    </Anchor>
                  )}
                </Detail>
                <Detail label={t('fields.address')}>{address}</Detail>
                <Detail label={t('fields.county')}>{o.countyName && `${o.countyName} (${o.countyFips})`}</Detail>
                <Detail label={t('organizations.fields.memberCount')}>{f.number(o.memberCount)}</Detail>
                <Detail label={t('fields.createdAt')}>{f.dateTime(o.createdAt)}</Detail>
                <Detail label={t('fields.updatedAt')}>{f.dateTime(o.updatedAt)}</Detail>
              </dl>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{can('audit.read') && <AuditPanel entityType="organization" entityId={o.id} />}</Grid.Col>
      </Grid>
    </>
  );
}
