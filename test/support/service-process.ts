import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

export { freePort } from '../../bench/support';

const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

/** The built service (dist/, from `npm run build`) as a real process, as users run it. */
export class ServiceProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `main` and `cwd`: another copy of the built service (e.g. a clone in a closed folder). */
  constructor(
    env: Record<string, string | undefined>,
    options: { main?: string; cwd?: string } = {},
  ) {
    const base = { ...process.env };
    for (const key of ['DATABASE_URL', 'TEST_DATABASE_URL', 'ADMIN_API_KEY', 'SMTP_URL'])
      delete base[key];
    this.child = spawn(process.execPath, [options.main ?? MAIN], {
      cwd: options.cwd,
      env: { ...base, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Resolves with the first match of `pattern` in the output; fails if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`timed out waiting for ${pattern}:\n${this.output}`)),
        timeoutMs,
      );
      const check = () => {
        const match = this.output.match(pattern);
        if (match) finish(undefined, match);
      };
      const onExit = () =>
        finish(new Error(`process exited while waiting for ${pattern}:\n${this.output}`));
      const finish = (error?: Error, match?: RegExpMatchArray) => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.stderr?.off('data', check);
        this.child.off('exit', onExit);
        if (error) reject(error);
        else resolve(match as RegExpMatchArray);
      };
      this.child.stdout?.on('data', check);
      this.child.stderr?.on('data', check);
      this.child.once('exit', onExit);
      check();
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
