import { Anchor, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ProblemAlert } from './feedback';

/** A details page whose object could not be read (unknown, or outside the viewer's scope: 404). */
export function LoadFailed({
  title,
  error,
  back,
}: {
  title: string;
  error: unknown;
  back: { to: string; label: string };
}) {
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <ProblemAlert error={error} />
      <Anchor component={Link} to={back.to}>
        {back.label}
      </Anchor>
    </Stack>
  );
}
