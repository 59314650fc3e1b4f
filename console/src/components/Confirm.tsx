import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A button whose action runs only after the viewer confirms it in a dialog. */
export function ConfirmButton({
  label,
  title,
  message,
  confirmLabel,
  onConfirm,
  color = 'red',
  variant = 'light',
  size = 'xs',
  leftSection,
}: {
  label: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<unknown>;
  color?: string;
  variant?: string;
  size?: string;
  leftSection?: ReactNode;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      close();
    } catch {
      // the caller has shown the API's answer; the dialog stays open to try again
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button color={color} variant={variant} size={size} onClick={open} leftSection={leftSection}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title}>
        <Stack>
          {typeof message === 'string' ? <Text>{message}</Text> : message}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.back')}
            </Button>
            <Button color={color} loading={busy} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
