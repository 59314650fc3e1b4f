// Fails the console build when the JavaScript shipped to the browser grows past the budget.
// Every .js file in dist/ counts (lazy chunks too), measured gzipped at level 9 as a server would
// send it; the figures are written to dist/bundle-size.json and printed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 350 * 1024;

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

const files = jsFiles(dist).map((path) => {
  const bytes = readFileSync(path);
  return {
    file: relative(dist, path),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
});
files.sort((a, b) => b.gzip - a.gzip);
const total = files.reduce((sum, f) => sum + f.gzip, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const f of files) process.stdout.write(`  ${kb(f.gzip).padStart(9)}  ${f.file}\n`);
process.stdout.write(
  `JavaScript shipped: ${kb(total)} gzipped in ${files.length} files (budget ${kb(BUDGET_BYTES)})\n`,
);
writeFileSync(
  join(dist, 'bundle-size.json'),
  `${JSON.stringify({ totalGzipBytes: total, budgetBytes: BUDGET_BYTES, files }, null, 2)}\n`,
);
if (files.length === 0) {
  process.stderr.write('No JavaScript found in dist/: was the build run?\n');
  process.exit(1);
}
if (total > BUDGET_BYTES) {
  process.stderr.write(`The console's JavaScript is over budget by ${kb(total - BUDGET_BYTES)}\n`);
  process.exit(1);
}
