// Generates src/api/schema.gen.ts (the API's types) from the service's OpenAPI document:
//   node scripts/generate-api-types.mjs <openapi.json> [--out <file>]
// `npm run api:types` at the repository root writes the document and runs this.
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HEADER = `/**
 * The API's types, generated from the service's OpenAPI document by openapi-typescript.
 * Do not edit: run \`npm run api:types\` at the repository root after changing the API.
 * test/console/api-types.spec.ts fails when this file differs from what the live document gives.
 */

`;

export async function generate(documentFile) {
  const document = JSON.parse(readFileSync(documentFile, 'utf8'));
  const ast = await openapiTS(document, { alphabetize: true, defaultNonNullable: false });
  return HEADER + astToString(ast);
}

const [input, flag, output] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: generate-api-types.mjs <openapi.json> [--out <file>]\n');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const target = flag === '--out' && output ? output : resolve(here, '../src/api/schema.gen.ts');
writeFileSync(target, await generate(input));
process.stdout.write(`wrote ${target}\n`);
