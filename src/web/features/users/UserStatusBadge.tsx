import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../shared/schemas/users.ts';

const COLORS = { active: 'green', invited: 'orange', disabled: 'gray' } as const;

export function UserStatusBadge({ status }: { status: UserSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} tt="none">
      {t(`userStatus.${status}`)}
    </Badge>
  );
}
