import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { withBootstrapLock } from '../database/migrate';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key.codec';
import { ApiKeysRepository } from './api-keys.repository';

export type AdminKeyOutcome =
  { kind: 'existing' } | { kind: 'from-env' } | { kind: 'generated'; key: string; file: string };

/**
 * On the first start there is no platform admin: create one from ADMIN_API_KEY, or generate a key,
 * store it in DATA_DIR/admin-api-key (mode 0600) and let main.ts print it once.
 */
@Injectable()
export class AdminKeyBootstrap implements OnModuleInit {
  private readonly logger = new Logger(AdminKeyBootstrap.name);
  outcome: AdminKeyOutcome = { kind: 'existing' };

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly keys: ApiKeysRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    this.outcome = await withBootstrapLock(this.ds, () => this.ensureAdminKey());
  }

  private async ensureAdminKey(): Promise<AdminKeyOutcome> {
    return this.ds.transaction(async (em) => {
      if ((await this.keys.lockActivePlatformAdmins(em)) > 0) return { kind: 'existing' } as const;
      const key = this.config.adminApiKey ?? generateApiKey();
      await this.keys.insert(em, {
        name: 'bootstrap platform admin',
        role: 'platform_admin',
        partnerId: null,
        keyHash: hashApiKey(key),
        keyPrefix: displayPrefix(key),
        createdBy: null,
      });
      if (this.config.adminApiKey) {
        this.logger.log('created the first platform admin key from ADMIN_API_KEY');
        return { kind: 'from-env' } as const;
      }
      const file = path.join(this.config.dataDir, 'admin-api-key');
      fs.mkdirSync(this.config.dataDir, { recursive: true });
      fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
      this.logger.log({ file }, 'generated the first platform admin key');
      return { kind: 'generated', key, file } as const;
    });
  }
}
