import { Button, type ButtonProps, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.tsx';

/** A button for something hard to undo: it asks first, and shows the outcome of the attempt. */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  danger = true,
  ...buttonProps
}: ButtonProps & {
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="default" {...buttonProps} onClick={open}>
        {children}
      </Button>
      {/* Composed by hand so the header is a plain div: Mantine's <header> would add a second banner landmark. */}
      <Modal.Root opened={opened} onClose={close} centered size="md">
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header component="div">
            <Modal.Title fw={650} fz="lg">
              {title}
            </Modal.Title>
            <Modal.CloseButton aria-label={t('common.close')} />
          </Modal.Header>
          <Modal.Body>
            <Stack>
              <Text>{message}</Text>
              {error ? <ErrorAlert error={error} /> : null}
              <Group justify="flex-end">
                <Button variant="default" onClick={close} disabled={busy}>
                  {t('common.cancel')}
                </Button>
                <Button color={danger ? 'red' : undefined} onClick={confirm} loading={busy} data-autofocus>
                  {confirmLabel}
                </Button>
              </Group>
            </Stack>
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}
