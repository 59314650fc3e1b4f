import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { ALL_PARTNERS, type Caller, type Scope } from '../auth/caller';
import { ConflictError, NotFoundError } from '../common/errors';
import { DEFAULT_LOCALE } from '../common/locale';
import { Page, PageRequest, toPage } from '../common/pagination';
import { PlatformsRepository } from '../platforms/platforms.repository';
import {
  CreatePartnerDto,
  PartnerContactDto,
  PartnerResponse,
  UpdatePartnerDto,
} from './dto/partner.dto';
import { givenFields } from '../platforms/dto/customer-postpone.dto';
import { PartnerContact } from './partner.entity';
import { PartnersRepository } from './partners.repository';

function toContacts(dtos: PartnerContactDto[], platformTimezone: string): PartnerContact[] {
  return dtos.map((c) => ({
    email: c.email,
    locale: c.locale ?? DEFAULT_LOCALE,
    timezone: c.timezone ?? platformTimezone,
  }));
}

function nameConflict(name: string): ConflictError {
  return new ConflictError(`A partner named "${name}" already exists on this platform`, [
    { field: 'name', reason: 'is already used by another partner of this platform' },
  ]);
}

@Injectable()
export class PartnersService {
  constructor(
    private readonly db: Transactions,
    private readonly partners: PartnersRepository,
    private readonly platforms: PlatformsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(caller: Caller, dto: CreatePartnerDto): Promise<PartnerResponse> {
    return this.db.run(async (tx) => {
      const platform = await this.platforms.find(ALL_PARTNERS, dto.platformId, tx);
      if (!platform) throw new NotFoundError('Platform', dto.platformId);
      if (await this.partners.nameTaken(tx, dto.platformId, dto.name)) throw nameConflict(dto.name);
      const partner = await this.partners.insert(tx, {
        platformId: dto.platformId,
        name: dto.name,
        contacts: toContacts(dto.contacts ?? [], platform.timezone),
        licenceEmail: dto.licenceEmail ?? null,
        customerPostpone: dto.customerPostpone ? givenFields(dto.customerPostpone) : null,
      });
      const response = PartnerResponse.from(partner);
      await this.audit.record(tx, caller, {
        action: 'partner.create',
        entityType: 'partner',
        entityId: partner.id,
        after: response,
      });
      return response;
    });
  }

  async get(scope: Scope, id: string): Promise<PartnerResponse> {
    const partner = await this.partners.find(scope, id);
    if (!partner) throw new NotFoundError('Partner', id);
    return PartnerResponse.from(partner);
  }

  async list(
    scope: Scope,
    platformId: string | undefined,
    page: PageRequest,
  ): Promise<Page<PartnerResponse>> {
    const rows = await this.partners.list(scope, platformId, page);
    return toPage(rows, page.limit, PartnerResponse.from);
  }

  async update(caller: Caller, id: string, dto: UpdatePartnerDto): Promise<PartnerResponse> {
    return this.db.run(async (tx) => {
      const current = await this.partners.find(ALL_PARTNERS, id, tx, true);
      if (!current) throw new NotFoundError('Partner', id);
      if (dto.name && (await this.partners.nameTaken(tx, current.platformId, dto.name, id))) {
        throw nameConflict(dto.name);
      }
      const platform = await this.platforms.find(ALL_PARTNERS, current.platformId, tx);
      const updated = await this.partners.update(tx, id, {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.contacts !== undefined && {
          contacts: toContacts(dto.contacts, platform?.timezone ?? 'UTC'),
        }),
        ...(dto.licenceEmail !== undefined && { licenceEmail: dto.licenceEmail }),
        ...(dto.customerPostpone !== undefined && {
          customerPostpone: dto.customerPostpone && givenFields(dto.customerPostpone),
        }),
      });
      const response = PartnerResponse.from(updated);
      await this.audit.record(tx, caller, {
        action: 'partner.update',
        entityType: 'partner',
        entityId: id,
        before: PartnerResponse.from(current),
        after: response,
      });
      return response;
    });
  }

  /** A partner with tenants cannot be deleted: its tenants are moved or deleted first. */
  async delete(caller: Caller, id: string): Promise<void> {
    await this.db.run(async (tx) => {
      const current = await this.partners.find(ALL_PARTNERS, id, tx, true);
      if (!current) throw new NotFoundError('Partner', id);
      const tenants = await this.partners.countTenants(tx, id);
      if (tenants > 0) {
        throw new ConflictError(`Partner ${id} still has ${tenants} tenant(s); delete them first`);
      }
      await this.partners.delete(tx, id);
      await this.audit.record(tx, caller, {
        action: 'partner.delete',
        entityType: 'partner',
        entityId: id,
        before: PartnerResponse.from(current),
      });
    });
  }
}
