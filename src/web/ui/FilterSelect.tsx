import { NativeSelect } from '@mantine/core';

/** A list filter: a native select, which every keyboard and screen reader already knows. */
export function FilterSelect<V extends string>({
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  label: string;
  allLabel: string;
  value: V | undefined;
  options: { value: V; label: string }[];
  onChange: (value: V | undefined) => void;
}) {
  return (
    <NativeSelect
      label={label}
      value={value ?? ''}
      onChange={(e) => onChange((e.currentTarget.value || undefined) as V | undefined)}
      miw={180}
    >
      <option value="">{allLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </NativeSelect>
  );
}
