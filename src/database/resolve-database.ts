import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Embedded only: where the cluster lives, and the copy of the binaries if one is used. */
  databaseDir?: string;
  binariesCopy?: string | null;
  /** Stops the embedded server; a no-op for an external one. */
  stop(): Promise<void>;
}

/** DATABASE_URL when given, otherwise an embedded PostgreSQL under DATA_DIR/pg. */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(
    config.dataDir,
    config.embeddedPgPort,
    config.embeddedPgHome,
  );
  return {
    url: embedded.url,
    embedded: true,
    databaseDir: embedded.databaseDir,
    binariesCopy: embedded.binariesCopy,
    stop: embedded.stop,
  };
}
