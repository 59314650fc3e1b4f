import { Injectable } from '@nestjs/common';
import { hashApiKey } from './api-key.codec';
import { ApiKeysRepository } from './api-keys.repository';
import type { Caller } from './caller';

/** Who is calling, from an API key: checked against the database on every request. */
@Injectable()
export class Authenticator {
  constructor(private readonly keys: ApiKeysRepository) {}

  async authenticate(rawKey: string): Promise<Caller | null> {
    const key = await this.keys.findActiveByHash(hashApiKey(rawKey));
    if (!key) return null;
    void this.keys.touch(key.id).catch(() => undefined);
    return {
      keyId: key.id,
      name: key.name,
      role: key.role,
      partnerId: key.partnerId,
      platformId: key.platformId,
    };
  }
}
