import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { usePermissions } from '../auth/session.ts';
import type { DirectorySearch } from './directory.api.ts';
import { ServiceList } from './ServiceList.tsx';

const route = getRouteApi('/app/directory');

export function DirectoryPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = usePermissions();
  const refine = (patch: Partial<DirectorySearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  return (
    <>
      <PageHeader
        title={t('directory.title')}
        description={t('directory.description')}
        actions={
          can('directory.manage') && (
            <ButtonLink to="/directory/data" variant="default">
              {t('directory.manageData')}
            </ButtonLink>
          )
        }
      />
      <ServiceList
        search={search}
        refine={refine}
        onPage={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
        action={(s) => (
          <AnchorLink to="/directory/services/$serviceId" params={{ serviceId: s.id }} fw={700}>
            {s.name}
          </AnchorLink>
        )}
      />
    </>
  );
}
