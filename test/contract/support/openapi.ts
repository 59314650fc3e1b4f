import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');

/* The parts of an OpenAPI 3.0 document these tests read. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  example?: unknown;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
}
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}
export interface MediaTypeObject {
  schema?: SchemaObject;
  examples?: Record<string, { value: unknown }>;
}
export interface ResponseObject {
  description: string;
  content?: Record<string, MediaTypeObject>;
}
export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string }[];
  security?: Record<string, string[]>[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject> };
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface Operation {
  method: (typeof HTTP_METHODS)[number];
  path: string;
  op: OperationObject;
}

export function operations(doc: OpenApiDocument): Operation[] {
  const found: Operation[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op) found.push({ method, path: p, op });
    }
  }
  return found;
}

/** `#/components/schemas/X` → its schema (one level). */
export function resolve(doc: OpenApiDocument, schema: SchemaObject): SchemaObject {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const found = doc.components.schemas[name];
  if (!found) throw new Error(`unknown schema ${schema.$ref}`);
  return resolve(doc, found);
}

/**
 * Checks answers against the document: the status must be documented for the operation and a
 * JSON body must match its schema.
 */
export class ResponseChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly matchers: { method: string; regex: RegExp; template: string }[];

  constructor(private readonly doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema(toJsonSchema({ components: doc.components }) as object, 'openapi.json');
    this.matchers = operations(doc).map(({ method, path: template }) => ({
      method,
      template,
      regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
  }

  /** The documented operation for a request, or undefined. */
  find(method: string, urlPath: string): Operation | undefined {
    const m = this.matchers.find(
      (x) => x.method === method.toLowerCase() && x.regex.test(urlPath.split('?')[0]),
    );
    return (
      m && {
        method: m.method as Operation['method'],
        path: m.template,
        op: this.doc.paths[m.template][m.method],
      }
    );
  }

  /** Problems with one answer; empty when it is exactly what the document promises. */
  check(
    method: string,
    urlPath: string,
    status: number,
    contentType: string,
    body: unknown,
  ): string[] {
    const found = this.find(method, urlPath);
    if (!found) return [`${method} ${urlPath} is not in the document`];
    const response = found.op.responses[String(status)];
    const where = `${method.toUpperCase()} ${found.path} → ${status}`;
    if (!response) return [`${where} is not documented`];
    if (!response.content)
      return body === '' || body === undefined ? [] : [`${where}: undocumented body`];
    const type = contentType.split(';')[0].trim();
    const media = response.content[type];
    if (!media?.schema) return [`${where}: undocumented content type ${type}`];
    const key = `${found.path} ${found.method} ${status} ${type}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(media.schema) as object);
      this.validators.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message}`);
  }
}

/**
 * OpenAPI 3.0 → JSON Schema for Ajv: `nullable: true` means "or null" (also for an enum or an
 * allOf, where Ajv's own `nullable` falls short), and `#/components/…` references point into the
 * document registered as openapi.json.
 */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const schema: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    schema[key] =
      key === '$ref' && typeof item === 'string'
        ? item.replace(/^#\/components\//, 'openapi.json#/components/')
        : toJsonSchema(item);
  }
  if (schema.nullable !== true) return schema;
  const { nullable: _nullable, ...rest } = schema;
  return { anyOf: [{ type: 'null' }, rest] };
}

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  pointer: string;
}

/** Redocly CLI's lint with the repository's redocly.yaml, as a user would run it. */
export function redoclyLint(doc: OpenApiDocument): LintProblem[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    const cli = path.join(REPO, 'node_modules/@redocly/cli/bin/cli.js');
    const run = spawnSync(
      process.execPath,
      [cli, 'lint', file, '--format=json', `--config=${path.join(REPO, 'redocly.yaml')}`],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        timeout: 60_000,
      },
    );
    const start = run.stdout.indexOf('{');
    if (start < 0) throw new Error(`redocly lint printed no report: ${run.stderr}`);
    const report = JSON.parse(run.stdout.slice(start)) as {
      problems: {
        ruleId: string;
        severity: LintProblem['severity'];
        message: string;
        location: { pointer: string }[];
      }[];
    };
    return report.problems.map((p) => ({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      pointer: p.location[0]?.pointer ?? '',
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
