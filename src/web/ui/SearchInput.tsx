import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';

/** A search box that waits for a pause in typing before searching. */
export function SearchInput({
  label,
  description,
  value,
  onSearch,
}: {
  label: string;
  description?: string;
  value: string;
  onSearch: (q: string) => void;
}) {
  const [text, setText] = useState(value);
  const search = useDebouncedCallback((q: string) => onSearch(q.trim()), 300);
  // Back/forward navigation changes the search from outside.
  useEffect(() => setText(value), [value]);
  return (
    <TextInput
      type="search"
      label={label}
      description={description}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        search(e.currentTarget.value);
      }}
      maxLength={200}
      miw={240}
      style={{ flex: 1 }}
    />
  );
}
