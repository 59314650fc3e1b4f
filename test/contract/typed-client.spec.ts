import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { schedulerEnv } from '../scheduler/support';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/app';
import { OpenApiDocument, REPO, ResponseChecker } from './support/openapi';

const CLIENT_DIR = path.join(__dirname, 'client');
const GENERATED = path.join(CLIENT_DIR, 'openapi.d.ts');

/** tsc --strict on the walk-through and the generated types; JavaScript into `outDir`. */
function compile(outDir: string): string[] {
  const program = ts.createProgram([path.join(CLIENT_DIR, 'walkthrough.ts')], {
    strict: true,
    noUncheckedIndexedAccess: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    typeRoots: [path.join(REPO, 'node_modules/@types')],
    esModuleInterop: true,
    skipLibCheck: true,
    outDir,
    rootDir: CLIENT_DIR,
  });
  const emitted = program.emit();
  return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(CLIENT_DIR, d.file.fileName)}:${line + 1}:${character + 1} ${text}`;
  });
}

function run(script: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, NODE_PATH: path.join(REPO, 'node_modules'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A client generated from the live /docs-json (openapi-typescript) walks the README's walk-through
 * with openapi-fetch: it must type-check under `strict` and run against the service, and every
 * answer it gets must match the schema the document gives for it.
 */
describe('a typed client generated from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let outDir: string;

  beforeAll(async () => {
    t = await startTestApp({ env: schedulerEnv() });
    doc = (await t.anonymous.root('/docs-json').expect(200)).body as OpenApiDocument;
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-typed-client-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  /**
   * openapi-typescript's CLI, as a client project runs it (it is ESM inside: not under jest). It
   * validates the document first, with redocly.yaml when run from this repository.
   */
  const generate = async (document: OpenApiDocument, cwd = REPO) => {
    const input = path.join(outDir, `openapi-${Date.now()}.json`);
    fs.writeFileSync(input, JSON.stringify(document));
    const cli = path.join(REPO, 'node_modules/openapi-typescript/bin/cli.js');
    const result = spawnSync(process.execPath, [cli, input, '--output', GENERATED], {
      cwd,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`openapi-typescript failed: ${result.stderr}`);
  };

  it('type-checks (strict) against types generated from /docs-json and walks the README', async () => {
    await generate(doc);
    expect(compile(outDir)).toEqual([]);

    const exchanges = path.join(outDir, 'exchanges.jsonl');
    const result = await run(path.join(outDir, 'walkthrough.js'), {
      API_BASE_URL: t.admin.baseUrl,
      ADMIN_KEY,
      EXCHANGES_FILE: exchanges,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/walk-through done: task .* succeeded/);

    const checker = new ResponseChecker(doc);
    const lines = fs.readFileSync(exchanges, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(15);
    const problems = lines.flatMap((line) => {
      const x = JSON.parse(line) as {
        method: string;
        path: string;
        status: number;
        type: string;
        body: unknown;
      };
      return checker.check(x.method, x.path, x.status, x.type, x.body);
    });
    expect(problems).toEqual([]);
  });

  it('fails when an answer loses its schema: at generation here, at the type check anywhere', async () => {
    const broken = structuredClone(doc);
    broken.paths['/api/v1/platforms'].post.responses['201'] = { description: 'untyped' };
    await expect(generate(broken)).rejects.toThrow(/must have a typed body/);
    await generate(broken, outDir);
    try {
      const errors = compile(fs.mkdtempSync(path.join(outDir, 'broken-')));
      expect(errors.join('\n')).toMatch(/walkthrough\.ts:\d+:\d+ .*(platform|id|executor)/);
    } finally {
      await generate(doc);
    }
  });
});
