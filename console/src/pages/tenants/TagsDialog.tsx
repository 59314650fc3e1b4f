import { Modal, Stack, TagsInput, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchClient } from '../../api/client';
import { fieldErrors, toProblem } from '../../api/problem';
import { notifyDone, ProblemAlert } from '../../components/feedback';
import { FormActions } from '../../components/FormActions';
import { useSubmit } from '../../components/useSubmit';
import type { UpdateScope } from '../../lib/update-request';

const lower = (tags: string[]) => tags.map((x) => x.trim().toLowerCase()).filter(Boolean);

/**
 * Adds and removes tags on the selected tenants, or on every tenant the filters match
 * (POST /tenants/tags: all or nothing, the API names any refused field or tenant).
 */
export function TagsDialog({
  opened,
  onClose,
  scope,
  title,
}: {
  opened: boolean;
  onClose(): void;
  scope: UpdateScope;
  title: string;
}) {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const close = () => {
    setAdd([]);
    setRemove([]);
    onClose();
  };
  const submit = useSubmit(
    () =>
      fetchClient.POST('/api/v1/tenants/tags', {
        body: {
          ...('tenantIds' in scope ? { tenantIds: scope.tenantIds } : { filter: scope.filter }),
          add,
          remove,
        },
      }),
    async (answer) => {
      const n = (x: number) => x.toLocaleString(i18n.language);
      notifyDone(
        t('tenants.tagsEdited', {
          count: answer.matched,
          updated: n(answer.updated),
          matched: n(answer.matched),
        }),
      );
      await queries.invalidateQueries();
      close();
    },
  );
  const errors = submit.error ? fieldErrors(toProblem(submit.error), ['add', 'remove']) : {};
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg">
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run();
        }}
      >
        <Text size="sm" c="dimmed">
          {t('tenants.tagsHelp')}
        </Text>
        <TagsInput
          label={t('tenants.tagsAdd')}
          value={add}
          onChange={(next) => setAdd(lower(next))}
          placeholder={t('tenants.tagsPlaceholder')}
          error={errors.add}
          data-autofocus
        />
        <TagsInput
          label={t('tenants.tagsRemove')}
          value={remove}
          onChange={(next) => setRemove(lower(next))}
          placeholder={t('tenants.tagsPlaceholder')}
          error={errors.remove}
        />
        <ProblemAlert error={submit.error} />
        <FormActions
          onCancel={close}
          busy={submit.busy}
          disabled={add.length === 0 && remove.length === 0}
          label={t('tenants.tagsApply')}
        />
      </Stack>
    </Modal>
  );
}
