import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestApp, TestApp } from '../support/app';

const ROOT = path.resolve(__dirname, '../..');
const CHECKED_IN = path.join(ROOT, 'console/src/api/schema.gen.ts');

/**
 * The console's API types are checked in (so the console type-checks on a clean clone, and a
 * change of the contract shows in review); they must be exactly what the live document gives.
 */
describe("the console's API types", () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-api-types-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are generated from the live /docs-json (run `npm run api:types` when this fails)', async () => {
    const doc = await t.anonymous.root('/docs-json').expect(200);
    const documentFile = path.join(dir, 'openapi.json');
    const generated = path.join(dir, 'schema.gen.ts');
    fs.writeFileSync(documentFile, JSON.stringify(doc.body));
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'console/scripts/generate-api-types.mjs'), documentFile, '--out', generated],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const fresh = fs.readFileSync(generated, 'utf8');
    const checkedIn = fs.readFileSync(CHECKED_IN, 'utf8');
    if (fresh !== checkedIn) {
      throw new Error(
        'console/src/api/schema.gen.ts differs from the types of the live OpenAPI document: ' +
          'run `npm run api:types` and type-check the console (`npm run typecheck`)',
      );
    }
  });
});
