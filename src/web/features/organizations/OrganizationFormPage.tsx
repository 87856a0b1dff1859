import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { OrganizationForm } from './OrganizationForm.tsx';
import { createOrganization, organizationQuery, updateOrganization } from './organizations.api.ts';

export function OrganizationNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <PageHeader title={t('organizations.new.title')} description={t('organizations.new.description')} />
      <OrganizationForm
        submitLabel={t('organizations.new.submit')}
        cancelTo={() => navigate({ to: '/admin/organizations' })}
        onSave={async (body) => {
          const created = await createOrganization(body);
          await queryClient.invalidateQueries({ queryKey: ['organizations'] });
          await queryClient.invalidateQueries({ queryKey: ['home'] });
          await navigate({
            to: '/admin/organizations/$organizationId',
            params: { organizationId: created.id },
            state: { flash: { key: 'organizations.new.done', values: { name: created.name } } },
          });
        }}
      />
    </>
  );
}

const editRoute = getRouteApi('/app/admin/organizations/$organizationId/edit');

export function OrganizationEditPage() {
  const { t } = useTranslation();
  const { organizationId } = editRoute.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organization = useQuery(organizationQuery(organizationId));
  const back = () => navigate({ to: '/admin/organizations/$organizationId', params: { organizationId } });
  return (
    <QueryState query={organization}>
      {(o) => (
        <>
          <PageHeader title={t('organizations.edit.title', { name: o.name })} />
          <OrganizationForm
            organization={o}
            submitLabel={t('forms.saveChanges')}
            cancelTo={back}
            onSave={async (body) => {
              const saved = await updateOrganization(organizationId, body);
              queryClient.setQueryData(organizationQuery(organizationId).queryKey, saved);
              await queryClient.invalidateQueries({ queryKey: ['organizations', 'list'] });
              await queryClient.invalidateQueries({ queryKey: ['audit'] });
              await queryClient.invalidateQueries({ queryKey: ['home'] });
              await navigate({
                to: '/admin/organizations/$organizationId',
                params: { organizationId },
                state: { flash: { key: 'forms.saved' } },
              });
            }}
          />
        </>
      )}
    </QueryState>
  );
}
