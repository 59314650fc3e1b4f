import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UpdateMode } from '../lib/update-request';

/** When an update runs (seed 003): immediately, in each tenant's window, or at a chosen time. */
export function WhenChoice({
  value,
  onChange,
}: {
  value: UpdateMode;
  onChange(mode: UpdateMode): void;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('update.when')}
      value={value}
      onChange={(mode) => onChange(mode as UpdateMode)}
    >
      <Stack gap={6} mt={4}>
        <Radio value="immediate" label={t('update.modes.immediate')} />
        <Radio value="maintenance_window" label={t('update.modes.maintenance_window')} />
        <Radio value="custom" label={t('update.modes.custom')} />
      </Stack>
    </Radio.Group>
  );
}
