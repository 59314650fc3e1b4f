import { ActionIcon, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/language';
import { ZoneSelect } from './ZoneSelect';

export interface Contact {
  email: string;
  locale: 'en' | 'de' | 'it';
  timezone: string;
}

/** A partner's admin contacts: who receives partner e-mails, in which language and zone. */
export function ContactsEditor({
  value,
  onChange,
  errors,
}: {
  value: Contact[];
  onChange(next: Contact[]): void;
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Contact>) =>
    onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <Stack gap="xs">
      {value.map((c, i) => (
        <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label={t('partners.email')}
            type="email"
            value={c.email}
            onChange={(e) => set(i, { email: e.currentTarget.value })}
            error={errors?.[`contacts[${i}].email`]}
            style={{ flex: 2 }}
            required
          />
          <Select
            label={t('partners.locale')}
            data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            value={c.locale}
            onChange={(v) => v && set(i, { locale: v as Contact['locale'] })}
            allowDeselect={false}
            style={{ flex: 1 }}
          />
          <ZoneSelect
            label={t('partners.timezone')}
            value={c.timezone}
            onChange={(v) => v && set(i, { timezone: v })}
            allowDeselect={false}
            style={{ flex: 1.5 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('partners.removeContact', { email: c.email || i + 1 })}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() =>
            onChange([...value, { email: '', locale: 'en', timezone: 'Europe/Berlin' }])
          }
        >
          {t('partners.addContact')}
        </Button>
      </Group>
    </Stack>
  );
}
