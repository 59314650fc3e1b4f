import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import type { Caller, Scope } from '../auth/caller';
import { ALL_PARTNERS } from '../auth/caller';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors';
import * as semver from 'semver';
import { Page, PageRequest, toPage } from '../common/pagination';
import { PlatformsRepository } from '../platforms/platforms.repository';
import { CreateVersionDto, UpdateVersionDto, VersionResponse } from './dto/version.dto';
import { VersionChannel } from './software-version.entity';
import { VersionsRepository } from './versions.repository';

@Injectable()
export class VersionsService {
  constructor(
    private readonly db: Transactions,
    private readonly versions: VersionsRepository,
    private readonly platforms: PlatformsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(
    caller: Caller,
    platformId: string,
    dto: CreateVersionDto,
  ): Promise<VersionResponse> {
    return this.db.run(async (tx) => {
      if (!(await this.platforms.find(ALL_PARTNERS, platformId, tx))) {
        throw new NotFoundError('Platform', platformId);
      }
      if (await this.versions.find(platformId, dto.version, tx)) {
        throw new ConflictError(`Version ${dto.version} already exists on this platform`, [
          { field: 'version', reason: 'already exists on this platform' },
        ]);
      }
      assertMinimumBelow(dto.version, dto.minimumFrom);
      const version = await this.versions.insert(tx, {
        platformId,
        version: dto.version,
        minimumFrom: dto.minimumFrom ?? null,
        channel: dto.channel ?? 'available',
        releaseNotes: dto.releaseNotes ?? '',
      });
      const response = VersionResponse.from(version);
      await this.audit.record(tx, caller, {
        action: 'version.create',
        entityType: 'software_version',
        entityId: version.id,
        after: response,
      });
      return response;
    });
  }

  async list(
    scope: Scope,
    platformId: string,
    channel: VersionChannel | undefined,
    page: PageRequest,
  ): Promise<Page<VersionResponse>> {
    if (!(await this.platforms.find(scope, platformId)))
      throw new NotFoundError('Platform', platformId);
    const rows = await this.versions.list(platformId, channel, page);
    return toPage(rows, page.limit, VersionResponse.from);
  }

  async get(scope: Scope, platformId: string, version: string): Promise<VersionResponse> {
    if (!(await this.platforms.find(scope, platformId)))
      throw new NotFoundError('Platform', platformId);
    const found = await this.versions.find(platformId, version);
    if (!found) throw new NotFoundError('Version', version);
    return VersionResponse.from(found);
  }

  async update(
    caller: Caller,
    platformId: string,
    version: string,
    dto: UpdateVersionDto,
  ): Promise<VersionResponse> {
    return this.db.run(async (tx) => {
      const current = await this.versions.find(platformId, version, tx, true);
      if (!current) throw new NotFoundError('Version', version);
      assertMinimumBelow(current.version, dto.minimumFrom);
      const updated = await this.versions.update(tx, current.id, {
        ...(dto.minimumFrom !== undefined && { minimumFrom: dto.minimumFrom }),
        ...(dto.channel !== undefined && { channel: dto.channel }),
        ...(dto.releaseNotes !== undefined && { releaseNotes: dto.releaseNotes }),
      });
      const response = VersionResponse.from(updated);
      await this.audit.record(tx, caller, {
        action: 'version.update',
        entityType: 'software_version',
        entityId: current.id,
        before: VersionResponse.from(current),
        after: response,
      });
      return response;
    });
  }
}

/** A minimumFrom names an older version than the one it belongs to. */
function assertMinimumBelow(version: string, minimumFrom: string | null | undefined): void {
  if (minimumFrom && !semver.lt(minimumFrom, version)) {
    throw new BadRequestError(`minimumFrom must be older than ${version}`, [
      { field: 'minimumFrom', reason: `must be older than the version itself (${version})` },
    ]);
  }
}
