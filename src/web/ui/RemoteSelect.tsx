import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const SHOWN = 8;

export interface Option {
  value: string;
  label: string;
}

/**
 * A typeahead over a server-side search (code lists, organizations): the server filters, this shows
 * what it found. `selected` is the current choice, so its label shows before any search has run.
 */
export function RemoteSelect({
  label,
  description,
  placeholder,
  value,
  selected,
  queryKey,
  search,
  onChange,
  error,
  required,
  disabled,
  testId,
}: {
  label: string;
  description?: ReactNode;
  placeholder?: string;
  value: string | null;
  selected: Option | null;
  queryKey: readonly unknown[];
  search: (q: string) => Promise<Option[]>;
  onChange: (option: Option | null) => void;
  error?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(selected?.label ?? '');
  const [debounced] = useDebouncedValue(text, 250);
  // Showing the chosen option's label is not a search for it.
  const term = debounced === selected?.label ? '' : debounced.trim();
  const results = useQuery({
    queryKey: [...queryKey, term],
    queryFn: () => search(term),
    placeholderData: keepPreviousData,
    enabled: !disabled,
    staleTime: 5 * 60_000,
  });
  const selectedLabel = selected?.label;
  useEffect(() => {
    if (selectedLabel !== undefined) setText(selectedLabel);
  }, [selectedLabel]);

  const found = results.data ?? [];
  const data = selected && !found.some((o) => o.value === selected.value) ? [selected, ...found] : found;
  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      required={required}
      disabled={disabled}
      searchable
      clearable
      data={data}
      value={value}
      searchValue={text}
      onSearchChange={setText}
      onChange={(v) => onChange(data.find((o) => o.value === v) ?? null)}
      // The server has filtered; show its best few (see theme.ts on why lists never scroll).
      filter={({ options }) => options.slice(0, SHOWN)}
      nothingFoundMessage={results.isFetching ? t('common.searching') : t('common.noMatches')}
      rightSection={results.isFetching ? <Loader size={14} aria-hidden /> : undefined}
      clearButtonProps={{ 'aria-label': t('common.clearChoice', { label }) }}
      error={error}
      data-testid={testId}
    />
  );
}
