import { useState } from 'react';

/**
 * One request a form or a button sends: busy while it runs, the API's error when it fails
 * (shown by ProblemAlert, fields by the caller), `done` with the answer when it succeeds.
 */
export function useSubmit<T>(
  send: () => Promise<{ data?: T; error?: unknown }>,
  done: (data: T) => unknown,
): { busy: boolean; error: unknown; run: () => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const { data, error: failure } = await send();
    setBusy(false);
    if (data === undefined) {
      setError(failure ?? new Error('no answer'));
      return;
    }
    await done(data);
  };
  return { busy, error, run };
}
