import { until } from '../scheduler/support';
import type { Api } from './http';

/** What the rollout specs read of a rollout; each spec names the fields it looks at. */
export interface RolloutView {
  id: string;
  state: string;
  counts: Record<string, number>;
}

/**
 * The rollout calls the specs share, as `api()` (the caller is read at each call: specs start their
 * app in `beforeAll`): read one,
 * create one (immediate, to 2.0.0, unless the body says otherwise), and wait until no task of it is
 * scheduled or running (what a dispatcher could still do).
 */
export function rolloutCalls<R extends RolloutView>(api: () => Api) {
  const get = async (id: string): Promise<R> =>
    (await api().get(`/rollouts/${id}`).expect(200)).body;
  return {
    get,
    create: async (body: object): Promise<R> =>
      (
        await api()
          .post('/rollouts', { targetVersion: '2.0.0', mode: 'immediate', ...body })
          .expect(201)
      ).body,
    settled: (id: string) =>
      until(async () => {
        const r = await get(id);
        return r.counts.scheduled + r.counts.running === 0 && r;
      }, `rollout ${id} to have nothing scheduled or running`),
  };
}
