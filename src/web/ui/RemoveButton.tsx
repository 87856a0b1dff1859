import type { ReactNode } from 'react';
import { ConfirmButton } from './ConfirmButton.tsx';

/**
 * A table row's remove (or delete) action: a small quiet button whose accessible name says which row it
 * removes, and which asks first. `label` is both the button's text and the dialog's confirm button.
 */
export function RemoveButton({
  label,
  accessibleName,
  title,
  message,
  onConfirm,
  size = 'xs',
}: {
  label: string;
  /** What a screen reader hears, naming the row ("Remove Agency winter closure"). */
  accessibleName: string;
  title: string;
  message: ReactNode;
  onConfirm: () => Promise<unknown>;
  size?: 'xs' | 'compact-sm';
}) {
  return (
    <ConfirmButton
      size={size}
      variant="subtle"
      color="red"
      aria-label={accessibleName}
      title={title}
      message={message}
      confirmLabel={label}
      onConfirm={onConfirm}
    >
      {label}
    </ConfirmButton>
  );
}
