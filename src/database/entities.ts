import { ApiKeyEntity } from '../auth/api-key.entity';
import { AuditLogEntity } from '../audit/audit-log.entity';
import { PartnerEntity } from '../partners/partner.entity';
import { PlatformEntity } from '../platforms/platform.entity';
import { TenantEntity } from '../tenants/tenant.entity';
import { SoftwareVersionEntity } from '../versions/software-version.entity';

export const ENTITIES = [
  PlatformEntity,
  PartnerEntity,
  TenantEntity,
  SoftwareVersionEntity,
  ApiKeyEntity,
  AuditLogEntity,
];
