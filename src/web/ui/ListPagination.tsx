import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format.ts';

/** "Showing 26–50 of 112" and page buttons with spoken names; "of 10,000+" when the total was capped. */
export function ListPagination({
  page,
  pageSize,
  total,
  totalCapped = false,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  totalCapped?: boolean;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('common.showing', { from: f.number(from), to: f.number(to), total: `${f.number(total)}${totalCapped ? '+' : ''}` })}
      </Text>
      {pages > 1 && (
        <nav aria-label={t('common.pagination')}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onChange}
            getItemProps={(p) => ({ 'aria-label': t('common.pageN', { page: p }), ...(p === page ? { 'aria-current': 'page' } : {}) })}
            getControlProps={(control) => ({ 'aria-label': t(`common.pageControl.${control}`) })}
          />
        </nav>
      )}
    </Group>
  );
}
