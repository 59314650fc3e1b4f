import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Caller, Scope } from '../auth/caller';
import { ConflictError, NotFoundError } from '../common/errors';
import { type Page, type PageRequest, toPage } from '../common/pagination';
import { type Tx, Transactions } from '../database/transactions';
import { TenantsRepository } from '../tenants/tenants.repository';
import { SnapshotResponse } from './dto/snapshot.dto';
import { SnapshotsRepository } from './snapshots.repository';

/** Reading a tenant's snapshots; pinning and deleting them early (platform admins). */
@Injectable()
export class SnapshotsService {
  constructor(
    private readonly db: Transactions,
    private readonly snapshots: SnapshotsRepository,
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(scope: Scope, tenantId: string, page: PageRequest): Promise<Page<SnapshotResponse>> {
    if (!(await this.tenants.find(scope, tenantId))) throw new NotFoundError('Tenant', tenantId);
    const rows = await this.snapshots.listForTenant(tenantId, page);
    return toPage(rows, page.limit, SnapshotResponse.from);
  }

  async get(scope: Scope, id: string): Promise<SnapshotResponse> {
    const found = await this.snapshots.find(this.db.pool, id);
    if (!found || !(await this.tenants.find(scope, found.tenantId))) {
      throw new NotFoundError('Snapshot', id);
    }
    return SnapshotResponse.from(found);
  }

  /** Pinned: kept past its expiry until unpinned. */
  async setPinned(caller: Caller, id: string, pinned: boolean): Promise<SnapshotResponse> {
    return this.change(caller, id, pinned ? 'snapshot.pin' : 'snapshot.unpin', (tx) =>
      this.snapshots.setPinned(tx, id, pinned),
    );
  }

  /** Deleted early: it expires now and the expiry job deletes it through the executor. */
  async deleteEarly(caller: Caller, id: string): Promise<SnapshotResponse> {
    return this.change(caller, id, 'snapshot.delete', (tx) => this.snapshots.expireNow(tx, id));
  }

  private async change(
    caller: Caller,
    id: string,
    action: string,
    apply: (tx: Tx) => Promise<void>,
  ): Promise<SnapshotResponse> {
    return this.db.run(async (tx) => {
      const before = await this.snapshots.find(tx, id, true);
      if (!before) throw new NotFoundError('Snapshot', id);
      if (before.state === 'deleted') {
        throw new ConflictError(`Snapshot ${id} (${before.externalId}) was deleted`);
      }
      await apply(tx);
      const after = (await this.snapshots.find(tx, id)) ?? before;
      await this.audit.record(tx, caller, {
        action,
        entityType: 'snapshot',
        entityId: id,
        before: SnapshotResponse.from(before),
        after: SnapshotResponse.from(after),
      });
      return SnapshotResponse.from(after);
    });
  }
}
