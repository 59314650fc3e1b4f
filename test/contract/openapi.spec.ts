import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { startTestApp, TestApp } from '../support/app';
import {
  OpenApiDocument,
  Operation,
  operations,
  redoclyLint,
  resolve,
  SchemaObject,
} from './support/openapi';

/**
 * Warnings of Redocly's rules that stay, each with its reason (see the closing note of the
 * contract). Anything else, error or warning, fails.
 */
const ACCEPTED_WARNINGS: { ruleId: string; pointer: string }[] = [];

/** The requests a user starts with: their bodies carry worked examples. */
const MAIN_REQUESTS = [
  'post /api/v1/platforms',
  'post /api/v1/platforms/{platformId}/versions',
  'post /api/v1/partners',
  'post /api/v1/api-keys',
  'post /api/v1/tenants',
  'post /api/v1/tenants/bulk',
  'post /api/v1/update-tasks',
  'post /api/v1/update-tasks/{id}/reschedule',
  'post /api/v1/platforms/{platformId}/maintenance',
];

const name = (o: Operation) => `${o.method.toUpperCase()} ${o.path}`;

/**
 * The document at /docs-json is the contract clients are generated from: every operation is
 * described and typed, every error documented with the API's error body. These checks apply to
 * every operation, so a new endpoint that is left untyped fails here.
 */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let ops: Operation[];

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.anonymous.root('/docs-json').expect(200)).body as OpenApiDocument;
    ops = operations(doc);
  });
  afterAll(() => t.close());

  const schemaOf = (s: SchemaObject | undefined) => (s ? resolve(doc, s) : undefined);

  it('passes Redocly’s recommended rules and the contract rules of redocly.yaml', () => {
    const problems = redoclyLint(doc).filter(
      (p) => !ACCEPTED_WARNINGS.some((w) => w.ruleId === p.ruleId && w.pointer === p.pointer),
    );
    expect(problems).toEqual([]);
  });

  it('gives every operation a summary, a description, a declared tag and an operationId', () => {
    const tags = new Set((doc.tags ?? []).filter((tg) => tg.description).map((tg) => tg.name));
    const bad = ops
      .filter(
        ({ op }) =>
          !op.summary ||
          !op.description ||
          !op.operationId ||
          op.tags?.length !== 1 ||
          !tags.has(op.tags[0]),
      )
      .map(name);
    expect(bad).toEqual([]);
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('types every success: an object schema with properties, or text (plain, calendar); 204 has no body', () => {
    const bad: string[] = [];
    for (const o of ops) {
      const successes = Object.entries(o.op.responses).filter(([s]) => /^2\d\d$/.test(s));
      if (successes.length === 0) bad.push(`${name(o)}: no 2xx`);
      for (const [status, response] of successes) {
        if (status === '204') {
          if (response.content) bad.push(`${name(o)} 204 has a body`);
          continue;
        }
        const json = schemaOf(response.content?.['application/json']?.schema);
        const text = Object.entries(response.content ?? {}).find(([type]) =>
          type.startsWith('text/'),
        )?.[1]?.schema;
        const typed =
          (json?.type === 'object' && Object.keys(json.properties ?? {}).length > 0) ||
          text?.type === 'string';
        if (!typed) bad.push(`${name(o)} ${status} is not typed`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('answers every list as {items, nextCursor} of a named item, with limit and cursor', () => {
    const bad: string[] = [];
    for (const o of ops) {
      const query = (o.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const paged = query.includes('limit') || query.includes('cursor');
      const schema = schemaOf(o.op.responses['200']?.content?.['application/json']?.schema);
      const props = schema?.properties ?? {};
      const isPage = 'items' in props && 'nextCursor' in props;
      if (paged !== isPage) bad.push(`${name(o)}: limit/cursor and a page go together`);
      if (!isPage) continue;
      if (!(query.includes('limit') && query.includes('cursor'))) bad.push(`${name(o)}: query`);
      if (!props.items.items?.$ref) bad.push(`${name(o)}: items are not a named schema`);
      if (props.nextCursor.type !== 'string' || !props.nextCursor.nullable)
        bad.push(`${name(o)}: nextCursor must be string | null`);
      if (JSON.stringify(schema?.required?.slice().sort()) !== '["items","nextCursor"]')
        bad.push(`${name(o)}: items and nextCursor are required`);
    }
    expect(bad).toEqual([]);
  });

  it('documents every error with the API’s error body, and 401, 403, 429 where they apply', () => {
    const error = schemaOf({ $ref: '#/components/schemas/ErrorResponse' });
    expect(error?.required?.slice().sort()).toEqual(['details', 'error', 'message', 'statusCode']);
    const bad: string[] = [];
    for (const o of ops) {
      const statuses = Object.keys(o.op.responses);
      for (const status of statuses.filter((s) => /^4\d\d$/.test(s))) {
        const ref = o.op.responses[status].content?.['application/json']?.schema?.$ref;
        if (ref !== '#/components/schemas/ErrorResponse') bad.push(`${name(o)} ${status}`);
      }
      const needsKey = (o.op.security ?? doc.security ?? []).length > 0;
      if (needsKey && !statuses.includes('401')) bad.push(`${name(o)}: 401 missing`);
      if (!statuses.includes('400')) bad.push(`${name(o)}: 400 missing`);
      if (o.op.requestBody && !(statuses.includes('413') && statuses.includes('415')))
        bad.push(`${name(o)}: 413/415 missing`);
      if (o.path.startsWith('/api/v1/') && !o.path.startsWith('/api/v1/executor-callbacks/'))
        if (!statuses.includes('429')) bad.push(`${name(o)}: 429 missing`);
    }
    expect(bad).toEqual([]);
  });

  it('says security: [] on the public operations and Bearer (or the console session) everywhere else', () => {
    expect(doc.security).toEqual([{ bearer: [] }, { session: [] }]);
    const open = ops.filter((o) => o.op.security?.length === 0).map(name);
    expect(open).toEqual(
      expect.arrayContaining(['GET /health', 'GET /metrics', 'GET /api/v1/announcements']),
    );
    const callback = ops.find((o) => o.path === '/api/v1/executor-callbacks/{taskId}');
    expect(callback?.op.security).toEqual([{ executorSignature: [] }]);
  });

  it('gives the main requests examples that match their schema, and no request field a default', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ components: doc.components }, 'openapi.json');
    const bad: string[] = [];
    for (const key of MAIN_REQUESTS) {
      const [method, path] = key.split(' ');
      const media = doc.paths[path]?.[method]?.requestBody?.content['application/json'];
      const examples = Object.entries(media?.examples ?? {});
      if (examples.length === 0) bad.push(`${key}: no example`);
      const ref = media?.schema?.$ref?.replace('#/', 'openapi.json#/');
      for (const [label, example] of examples) {
        if (!ref || !ajv.validate({ $ref: ref }, example.value))
          bad.push(`${key} example ${label}: ${ajv.errorsText()}`);
      }
    }
    // openapi-typescript types request fields with a default as required: defaults are words.
    const seen = new Set<string>();
    const walk = (schema: SchemaObject | undefined, where: string): void => {
      if (!schema) return;
      if (schema.$ref) {
        if (seen.has(schema.$ref)) return;
        seen.add(schema.$ref);
        return walk(resolve(doc, schema), schema.$ref);
      }
      for (const [prop, value] of Object.entries(schema.properties ?? {})) {
        if (value.default !== undefined) bad.push(`${where}.${prop} has a default`);
        walk(value, `${where}.${prop}`);
      }
      walk(schema.items, `${where}[]`);
      for (const part of schema.allOf ?? []) walk(part, where);
    };
    for (const o of ops) walk(o.op.requestBody?.content['application/json']?.schema, name(o));
    expect(bad).toEqual([]);
  });
});
