import { Alert, List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type Problem, toProblem } from '../api/problem';

/** The API's error as the viewer reads it: its message, and every field it names with the reason. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = toProblem(error);
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={title ?? t('common.failed')}
      icon={<IconAlertTriangle aria-hidden />}
    >
      <Text size="sm">{problem.message || t('common.unreachable')}</Text>
      <ProblemDetails problem={problem} />
    </Alert>
  );
}

function ProblemDetails({ problem }: { problem: Problem }) {
  if (problem.details.length === 0) return null;
  const shown = problem.details.slice(0, 10);
  return (
    <List size="sm" mt="xs">
      {shown.map((d, i) => (
        <List.Item key={i}>
          {d.field ? <Text span fw={600}>{`${d.field}: `}</Text> : null}
          {d.reason}
        </List.Item>
      ))}
      {problem.details.length > shown.length ? (
        <List.Item>{`… +${problem.details.length - shown.length}`}</List.Item>
      ) : null}
    </List>
  );
}

export function notifyDone(message: string): void {
  notifications.show({ color: 'teal', message, icon: <IconCheck size={18} aria-hidden /> });
}

/** A failed action: the API's message, and the first field it names. */
export function notifyProblem(error: unknown, title: string): void {
  const problem = toProblem(error);
  const field = problem.details.find((d) => d.field);
  notifications.show({
    color: 'red',
    title,
    message: field ? `${problem.message} (${field.field}: ${field.reason})` : problem.message,
    autoClose: 10_000,
  });
}
