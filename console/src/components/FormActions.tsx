import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The buttons under a dialog's form: cancel, and the action (a submit button without onAction). */
export function FormActions({
  onCancel,
  label,
  busy,
  onAction,
  disabled,
  color,
}: {
  onCancel(): void;
  label?: string;
  busy?: boolean;
  onAction?: () => void;
  disabled?: boolean;
  color?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button
        type={onAction ? 'button' : 'submit'}
        loading={busy}
        onClick={onAction}
        disabled={disabled}
        color={color}
      >
        {label ?? t('common.create')}
      </Button>
    </Group>
  );
}
