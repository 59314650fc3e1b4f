import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { OpenApiDocument, Operation, ParameterObject, resolve, SchemaObject } from './openapi';
import type { RawRequest } from './raw-http';

export const ROLES = ['platform_admin', 'partner_admin', 'anonymous'] as const;
export type Role = (typeof ROLES)[number];

/** A request being built: JSON parts until it is written out. */
interface Draft {
  path: Record<string, string>;
  query: [string, string][];
  body?: unknown;
  /** Bytes sent instead of JSON.stringify(body). */
  bodyBytes?: Buffer;
  headers: [string, string][];
  contentLength?: number;
}

export interface FuzzCase {
  role: Role;
  /** What makes the request invalid ("none" for operations that take no input). */
  defect: string;
  request: RawRequest;
}

/** Strings that are odd but storable: they may be valid or not, never a 5xx. */
const ODD_STRINGS = [
  '',
  ' ',
  'x'.repeat(5000),
  'y'.repeat(300_000),
  '\u200f\u202eRTL override\u202c',
  '\ufeffBOM',
  '😀👨‍👩‍👧',
  'e\u0301',
  '\t\n\r',
  '../../etc/passwd',
  "'; DROP TABLE tenant; --",
  '<script>alert(1)</script>',
  '\u2028\u2029',
  '-1',
  '1e309',
  'null',
  ' Europe/Rome ',
  'ＡＣＭＥ',
  '%00',
];

/** Strings that cannot be stored (PostgreSQL text): always refused. */
const UNSTORABLE = ['nul\u0000inside', '\u0000', 'lone \ud800 high', '\udfff', 'x\ud83d'];

const storable = (s: string) => !s.includes('\u0000') && !/[\ud800-\udfff]/.test(s);

const oddString = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }).filter(storable),
);

/** Values of the schema's shape (types, enums, formats) whose content may or may not be valid. */
export function valueFor(
  doc: OpenApiDocument,
  schema: SchemaObject | undefined,
  ids: string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant({});
  const s = resolve(doc, schema);
  if (s.allOf?.length) return valueFor(doc, s.allOf[0], ids, depth);
  if (s.enum) return fc.constantFrom(...s.enum.filter((v) => v !== null));
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return fc.oneof(fc.uuid(), fc.constantFrom(...ids));
      if (s.format === 'date-time')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (s.format === 'email') return fc.oneof(fc.emailAddress(), oddString);
      return oddString;
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(valueFor(doc, s.items, ids, depth + 1), { maxLength: 3 });
    default: {
      const props = s.properties ?? {};
      if (depth > 3 || Object.keys(props).length === 0) return fc.constant({});
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, p] of Object.entries(props)) model[name] = valueFor(doc, p, ids, depth + 1);
      return fc.record(model, { requiredKeys: s.required ?? [] });
    }
  }
}

/** A JSON value of a different type than the schema's (never null: null may be allowed). */
function wrongTypeFor(doc: OpenApiDocument, schema: SchemaObject): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const type = s.allOf?.length ? 'object' : s.enum ? 'enum' : s.type;
  const options: fc.Arbitrary<unknown>[] = [];
  if (type !== 'string' && type !== 'enum') options.push(fc.constantFrom('12', 'true', 'x', ''));
  if (type !== 'integer' && type !== 'number') options.push(fc.constantFrom(0, 1, -1, 1.5, 1e300));
  if (type !== 'boolean') options.push(fc.boolean());
  if (type !== 'object') options.push(fc.constantFrom({}, { a: 1 }));
  if (type !== 'array') options.push(fc.constantFrom([], ['x'], [1, 2]));
  if (type === 'enum') options.push(fc.constantFrom('NOT_A_MEMBER', 'Recommended '));
  return fc.oneof(...options);
}

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** Every property path of a body schema (one level of nesting), with its schema. */
function propertiesOf(doc: OpenApiDocument, schema: SchemaObject): [string, SchemaObject][] {
  const s = resolve(doc, schema);
  return Object.entries(s.properties ?? {});
}

type DefectMaker = (draft: Draft) => fc.Arbitrary<Draft>;

const withBody = (draft: Draft, body: unknown): Draft => ({ ...draft, body });
const header = (draft: Draft, name: string, value: string): Draft => ({
  ...draft,
  headers: [
    ...draft.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()),
    [name, value],
  ],
});

function bodyDefects(doc: OpenApiDocument, schema: SchemaObject): [string, DefectMaker][] {
  const props = propertiesOf(doc, schema);
  const asObject = (d: Draft) =>
    d.body && typeof d.body === 'object' && !Array.isArray(d.body)
      ? (d.body as Record<string, unknown>)
      : {};
  const defects: [string, DefectMaker][] = [
    [
      'unknown field',
      (d) =>
        fc
          .tuple(
            fc
              .oneof(
                fc.string({ minLength: 1, maxLength: 12 }),
                fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'createdAt'),
              )
              .filter((k) => !props.some(([p]) => p === k)),
            valueFor(doc, { type: 'string' }, []),
          )
          .map(([key, value]) => withBody(d, { ...asObject(d), [key]: value })),
    ],
    [
      'top-level not an object',
      (d) => fc.constantFrom<unknown>([], [d.body], 'text', 1, true).map((b) => withBody(d, b)),
    ],
    [
      'malformed JSON',
      (d) =>
        fc
          .constantFrom('{', '{"a":}', "{'a':1}", '{"a":1,}', '[1,2', 'NaN', '{"a":1}}', '\u0000')
          .map((text) => ({ ...d, bodyBytes: Buffer.from(text) })),
    ],
    [
      'a field name that cannot be stored',
      (d) => fc.constantFrom(...UNSTORABLE).map((key) => withBody(d, { ...asObject(d), [key]: 1 })),
    ],
    [
      'not JSON (Content-Type)',
      (d) =>
        fc
          .constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/json-patch+json',
            'json',
          )
          .map((type) => header(d, 'Content-Type', type)),
    ],
    [
      'a body that does not match its Content-Encoding',
      (d) =>
        fc
          .constantFrom('gzip', 'deflate', 'br', 'gzip, gzip', 'x-unknown', 'compress')
          .map((encoding) => header(d, 'Content-Encoding', encoding)),
    ],
    [
      'gzip of a body that is not an object',
      (d) =>
        fc.constantFrom('"text"', '{', '42').map((text) => ({
          ...header(d, 'Content-Encoding', 'gzip'),
          bodyBytes: gzipSync(Buffer.from(text)),
        })),
    ],
    [
      'a charset JSON cannot be in',
      (d) =>
        fc
          .constantFrom('latin1', 'iso-8859-1', 'koi8-r', 'utf-7')
          .map((cs) => header(d, 'Content-Type', `application/json; charset=${cs}`)),
    ],
    [
      'fewer bytes than the body (Content-Length)',
      (d) =>
        fc.integer({ min: 1, max: 20 }).map((cut) => {
          const bytes = Buffer.from(JSON.stringify(d.body ?? {}));
          return { ...d, bodyBytes: bytes, contentLength: Math.max(1, bytes.length - cut) };
        }),
    ],
    [
      'JSON nested too deep',
      (d) =>
        fc
          .tuple(
            fc.integer({ min: 33, max: 3000 }),
            fc.boolean(),
            fc.constantFrom(...props.map(([p]) => p), 'deep'),
          )
          .map(([depth, asArray, key]) =>
            withBody(d, { ...asObject(d), [key]: nested(depth, asArray) }),
          ),
    ],
  ];
  if (props.length > 0) {
    defects.push(
      [
        'a field of the wrong type',
        (d) =>
          fc
            .constantFrom(...props)
            .chain(([name, p]) =>
              wrongTypeFor(doc, p).map((v) => withBody(d, { ...asObject(d), [name]: v })),
            ),
      ],
      [
        'a string that cannot be stored',
        (d) =>
          fc
            .tuple(fc.constantFrom(...props), fc.constantFrom(...UNSTORABLE))
            .map(([[name, p], bad]) => {
              const s = resolve(doc, p);
              // Where the field holds objects or lists, the bad string goes one level down.
              const value =
                s.type === 'array' ? [bad] : s.type === 'object' || s.allOf ? { x: bad } : bad;
              return withBody(d, { ...asObject(d), [name]: value });
            }),
      ],
    );
  }
  return defects;
}

function queryDefects(doc: OpenApiDocument, params: ParameterObject[]): [string, DefectMaker][] {
  const names = params.map((p) => p.name);
  const defects: [string, DefectMaker][] = [
    [
      'unknown query parameter',
      (d) =>
        fc
          .tuple(
            fc.string({ minLength: 1, maxLength: 10 }).filter((n) => !names.includes(n)),
            oddString,
          )
          .map(([name, value]) => ({ ...d, query: [...d.query, [name, value]] })),
    ],
    [
      'NUL in the query',
      (d) =>
        fc
          .constantFrom(...names)
          .map((name) => ({ ...d, query: [...d.query, [name, 'a\u0000b']] })),
    ],
    [
      'a query parameter given twice',
      (d) =>
        fc.constantFrom(...names).map((name) => ({
          ...d,
          query: [...d.query.filter(([n]) => n !== name), [name, '1'], [name, '2']],
        })),
    ],
  ];
  const typed = params.filter((p) => {
    const s = p.schema ? resolve(doc, p.schema) : {};
    return (
      s.type === 'integer' ||
      s.type === 'boolean' ||
      s.enum ||
      s.format === 'uuid' ||
      s.format === 'date-time' ||
      p.name === 'cursor'
    );
  });
  if (typed.length > 0) {
    defects.push([
      'a query parameter of the wrong type',
      (d) =>
        fc
          .tuple(
            fc.constantFrom(...typed),
            fc.constantFrom(
              'abc',
              '-1',
              '1.5',
              '99999999999999999999',
              'TRUE',
              'not-a-uuid',
              '2027-02-30T25:00:00Z',
              '',
            ),
          )
          .filter(([p, v]) => !(p.name === 'cursor' && v === ''))
          .map(([p, v]) => ({
            ...d,
            query: [...d.query.filter(([n]) => n !== p.name), [p.name, v]],
          })),
    ]);
  }
  return defects;
}

/** Sent as they are: already percent-encoded (invalid UTF-8, NUL, an encoded slash). */
const PRE_ENCODED = ['%ED%A0%80', '%00', '%2F', '%C0%AF', '%FF'];

const PATH_GARBAGE = fc.oneof(
  fc.constantFrom(
    ...PRE_ENCODED,
    'not-a-uuid',
    '..',
    'x'.repeat(3000),
    '0195f3c1-7a2b-7c3d-8e4f-5a6b7c8d9e0',
    '0195F3C1-7A2B-7C3D-8E4F-5A6B7C8D9E0F ',
  ),
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^[0-9a-f-]{36}$/i.test(s)),
);

/** Percent-encodes the UTF-8 bytes of a value (the PRE_ENCODED ones are sent as they are). */
function encodePath(value: string): string {
  if (PRE_ENCODED.includes(value)) return value;
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function toRaw(method: string, template: string, d: Draft): RawRequest {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodePath(d.path[name] ?? ''),
  );
  const query = d.query.map(([k, v]) => `${encodePath(k)}=${encodePath(v)}`).join('&');
  const hasBody = d.body !== undefined || d.bodyBytes !== undefined;
  const headers: [string, string][] =
    hasBody && !d.headers.some(([n]) => n === 'Content-Type')
      ? [['Content-Type', 'application/json'], ...d.headers]
      : d.headers;
  return {
    method: method.toUpperCase(),
    target: query ? `${path}?${query}` : path,
    headers,
    body: hasBody ? (d.bodyBytes ?? Buffer.from(JSON.stringify(d.body))) : undefined,
    contentLength: d.contentLength,
  };
}

/**
 * Requests for one operation, each with exactly one defect that makes it invalid (a wrong type, an
 * unknown field, deep nesting, a string that cannot be stored, a body that is not JSON or not in
 * its encoding, a garbage path parameter …), sent by a platform admin, a partner admin or nobody.
 * Operations that take no input get odd requests without a defect.
 */
export function fuzzCases(
  doc: OpenApiDocument,
  { method, path, op }: Operation,
  realId: (path: string, param: string) => string | undefined,
  ids: string[],
): fc.Arbitrary<FuzzCase> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content['application/json']?.schema;

  const realPath: Record<string, string> = {};
  for (const p of pathParams)
    realPath[p.name] = realId(path, p.name) ?? '0195f3c1-0000-7000-8000-000000000000';
  const query = fc
    .subarray(queryParams)
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((p) =>
          valueFor(doc, p.schema, ids).map((v) => [p.name, String(v)] as [string, string]),
        ),
      ),
    )
    .map((pairs) => pairs.filter(([, v]) => v !== ''));
  const base: fc.Arbitrary<Draft> = fc
    .record({
      query,
      body: bodySchema ? valueFor(doc, bodySchema, ids) : fc.constant(undefined),
      noise: fc.subarray([
        ['Accept', 'text/html;q=0.1, */*;q=0.01'],
        ['X-Forwarded-For', '::1, 999.1.1.1, <script>'],
        ['Accept-Language', 'zz-ZZ'],
        ['X-Request-Id', 'x'.repeat(200)],
      ] as [string, string][]),
    })
    .map(({ query: q, body, noise }) => ({
      path: { ...realPath },
      query: q,
      body,
      headers: noise,
    }));

  const defects: [string, DefectMaker][] = [];
  if (bodySchema) defects.push(...bodyDefects(doc, bodySchema));
  if (queryParams.length > 0) defects.push(...queryDefects(doc, queryParams));
  if (pathParams.length > 0) {
    defects.push([
      'a garbage path parameter',
      (d) =>
        fc
          .tuple(fc.constantFrom(...pathParams), PATH_GARBAGE)
          .map(([p, v]) => ({ ...d, path: { ...d.path, [p.name]: v } })),
    ]);
  }
  if (defects.length === 0) {
    // No input to get wrong: odd queries and bodies are ignored, never a 5xx.
    defects.push([
      'none',
      (d) =>
        fc
          .tuple(
            oddString,
            fc.option(fc.constantFrom('{', '{"a":1}', '\u0000'), { nil: undefined }),
          )
          .map(([q, text]) => ({
            ...d,
            query: [['q', q]],
            bodyBytes: text === undefined ? undefined : Buffer.from(text),
          })),
    ]);
  }
  return fc
    .tuple(fc.constantFrom(...ROLES), base, fc.nat({ max: defects.length - 1 }))
    .chain(([role, draft, pick]) => {
      const [defect, make] = defects[pick];
      return make(draft).map((d) => ({ role, defect, request: toRaw(method, path, d) }));
    });
}
