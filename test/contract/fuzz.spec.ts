import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/app';
import { newKey, newSchedulingWorld, newTenant } from '../support/factories';
import { fuzzCases, type Role } from './support/fuzz-requests';
import { OpenApiDocument, operations, ResponseChecker } from './support/openapi';
import { rawRequest } from './support/raw-http';

/** FUZZ_SEED repeats a run; FUZZ_RUNS sends more requests per operation (default 24). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);
/** FUZZ_ONLY=<regular expression> fuzzes the matching operations only ("PATCH /api/v1/tenants"). */
const ONLY = new RegExp(process.env.FUZZ_ONLY ?? '');

/**
 * Every row of every table, as one hash per table (api_key.last_used_at, which every
 * authenticated request moves, left out).
 */
async function fingerprint(ds: DataSource): Promise<Record<string, string>> {
  const tables: { name: string }[] = await ds.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await ds.query(
      `SELECT count(*)::int AS n,
              md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) AS h
         FROM (SELECT to_jsonb(t) - 'last_used_at' AS r FROM "${name}" t) x`,
    );
    out[name] = `${row.n}:${row.h}`;
  }
  return out;
}

/** fast-check's report, shortened: the failure, then the request (long values cut). */
function summary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  const got = cause || (/Got (?:error|reason): (.*)/.exec(message)?.[1] ?? '');
  const example = /Counterexample: (.*)/.exec(message)?.[1] ?? message;
  return `${got}\n    request: ${example.replace(/([xy]{20})[xy]+/g, '$1…').slice(0, 700)}`;
}

/**
 * Property-based requests generated from the OpenAPI document for every operation: each carries
 * one defect (wrong types, unknown fields, deep nesting, strings that cannot be stored, odd
 * content types, encodings and lengths, garbage path parameters), sent as a platform admin, a
 * partner admin and without a key. Every answer must be a documented 4xx with the API's error
 * body, and nothing may be written. The seed is printed with any failure (FUZZ_SEED=… repeats it).
 */
describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let port: number;
  const keys: Record<Role, string | undefined> = {
    platform_admin: ADMIN_KEY,
    partner_admin: undefined,
    anonymous: undefined,
  };
  const real: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    port = (t.app.getHttpServer().address() as { port: number }).port;
    doc = (await t.anonymous.root('/docs-json').expect(200)).body as OpenApiDocument;
    const w = await newSchedulingWorld(t.admin, 2);
    keys.partner_admin = w.partnerKey;
    const other = await newKey(t.admin, 'partner_admin', w.partner.id);
    await newTenant(t.admin, w.partner.id);
    const scheduled = await w.partnerApi
      .post('/update-tasks', {
        tenantIds: [w.tenantIds[0]],
        targetVersion: '2.0.0',
        mode: 'custom',
        runAt: '2030-01-07T03:00:00+01:00',
        notifyCustomer: true,
      })
      .expect(201);
    const task = (await t.admin.get(`/update-tasks?batchId=${scheduled.body.batchId}`)).body
      .items[0];
    const maintenance = await t.admin
      .post(`/platforms/${w.platformId}/maintenance`, {
        startsAt: '2031-03-06T22:00:00+01:00',
        endsAt: '2031-03-07T04:00:00+01:00',
        message: 'Fuzzing',
      })
      .expect(201);
    const notification = (await t.admin.get('/notifications?limit=1')).body.items[0];
    const key = (await t.admin.get('/api-keys?limit=500')).body.items.find(
      (k: { keyPrefix: string }) => other.startsWith(k.keyPrefix),
    );
    Object.assign(real, {
      platforms: w.platformId,
      partners: w.partner.id,
      tenants: w.tenantIds[1],
      'update-tasks': task.id,
      'executor-callbacks': task.id,
      'update-batches': scheduled.body.batchId,
      maintenance: maintenance.body.id,
      notifications: notification.id,
      'api-keys': key.id,
      versions: '2.0.0',
    });
  });
  afterAll(() => t.close());

  /** The id a path parameter names in the world above: by the path segment before it. */
  const realId = (template: string, param: string): string | undefined => {
    const segments = template.split('/');
    const i = segments.indexOf(`{${param}}`);
    return real[segments[i - 1]];
  };

  it(`answers every generated request with a documented 4xx and writes nothing (seed ${SEED}, ${RUNS} runs per operation)`, async () => {
    const checker = new ResponseChecker(doc);
    const ids = Object.values(real);
    const failures: string[] = [];
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);
    for (const [index, operation] of ops.entries()) {
      const name = `${operation.method.toUpperCase()} ${operation.path}`;
      if (!ONLY.test(name)) continue;
      const before = await fingerprint(t.ds);
      const seed = SEED + index;
      const noInput =
        !operation.op.requestBody && !operation.op.parameters?.some((p) => p.in !== 'header');
      try {
        await fc.assert(
          fc.asyncProperty(fuzzCases(doc, operation, realId, ids), async ({ role, request }) => {
            const key = keys[role];
            const headers: [string, string][] = key
              ? [['Authorization', `Bearer ${key}`], ...request.headers]
              : request.headers;
            const res = await rawRequest(port, { ...request, headers });
            const ok = noInput ? res.status < 500 : res.status >= 400 && res.status < 500;
            if (!ok) throw new Error(`answered ${res.status}: ${res.body.slice(0, 300)}`);
            if (res.status >= 400) {
              const body: unknown = res.body ? JSON.parse(res.body) : undefined;
              const problems = checker.check(
                request.method,
                request.target,
                res.status,
                res.headers['content-type'] ?? '',
                body,
              );
              if (problems.length) throw new Error(problems.join('; '));
            }
          }),
          { seed, numRuns: RUNS, endOnFailure: true },
        );
      } catch (error) {
        failures.push(`${name} (FUZZ_SEED=${SEED}, seed ${seed}): ${summary(error)}`);
        continue;
      }
      const after = await fingerprint(t.ds);
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      if (changed.length) {
        const audit = await t.ds.query(
          `SELECT action, after FROM audit_log ORDER BY id DESC LIMIT 1`,
        );
        failures.push(`${name} wrote to ${changed.join(', ')} (audit: ${JSON.stringify(audit)})`);
      }
    }
    expect(failures).toEqual([]);
    await t.anonymous.root('/health').expect(200);
  });
});
