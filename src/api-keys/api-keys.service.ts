import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { displayPrefix, generateApiKey, hashApiKey } from '../auth/api-key.codec';
import { ApiKeysRepository } from '../auth/api-keys.repository';
import type { Caller } from '../auth/caller';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './dto/api-key.dto';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: Transactions,
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  async create(caller: Caller, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    if (dto.role === 'partner_admin' && !dto.partnerId) {
      throw new BadRequestError('partnerId is required for a partner_admin key', [
        { field: 'partnerId', reason: 'is required for a partner_admin key' },
      ]);
    }
    if (dto.role === 'platform_admin' && dto.partnerId) {
      throw new BadRequestError('A platform_admin key is not bound to a partner', [
        { field: 'partnerId', reason: 'must be absent for a platform_admin key' },
      ]);
    }
    const rawKey = generateApiKey();
    return this.db.run(async (tx) => {
      if (dto.partnerId) {
        if (!(await this.keys.partnerExists(tx, dto.partnerId)))
          throw new NotFoundError('Partner', dto.partnerId);
      }
      const key = await this.keys.insert(tx, {
        name: dto.name,
        role: dto.role,
        partnerId: dto.partnerId ?? null,
        keyHash: hashApiKey(rawKey),
        keyPrefix: displayPrefix(rawKey),
        createdBy: caller.keyId,
      });
      const response = ApiKeyResponse.from(key);
      await this.audit.record(tx, caller, {
        action: 'api_key.create',
        entityType: 'api_key',
        entityId: key.id,
        after: response,
      });
      return { ...response, key: rawKey };
    });
  }

  async list(page: PageRequest, includeRevoked: boolean): Promise<Page<ApiKeyResponse>> {
    const rows = await this.keys.list(page, includeRevoked);
    return toPage(rows, page.limit, ApiKeyResponse.from);
  }

  /** Revocation takes effect on the next request: keys are checked against the database each time. */
  async revoke(caller: Caller, id: string): Promise<ApiKeyResponse> {
    return this.db.run(async (tx) => {
      const key = await this.keys.findById(tx, id);
      if (!key) throw new NotFoundError('API key', id);
      if (key.revokedAt) return ApiKeyResponse.from(key);
      if (key.role === 'platform_admin' && (await this.keys.lockActivePlatformAdmins(tx)) <= 1) {
        throw new ConflictError(
          'This is the last active platform admin key; create another one before revoking it',
        );
      }
      const revoked = await this.keys.revoke(tx, id);
      await this.audit.record(tx, caller, {
        action: 'api_key.revoke',
        entityType: 'api_key',
        entityId: id,
        before: ApiKeyResponse.from(key),
        after: ApiKeyResponse.from(revoked),
      });
      return ApiKeyResponse.from(revoked);
    });
  }
}
