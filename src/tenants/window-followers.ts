import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import type { MaintenanceWindow } from '../common/maintenance-window';
import type { Tx } from '../database/transactions';

/**
 * Something that follows a tenant's maintenance window: when a request changes the window, it
 * moves along in the same transaction (UpdatesModule's WindowChangeService: the tenant's scheduled
 * maintenance-window update). Followers register themselves, so tenants depend on nothing above
 * them.
 */
export interface WindowFollower {
  /**
   * Locks what follows the tenant's window. Called before the tenant row is locked (tasks are
   * locked before tenants: src/database/lock-order.ts); null when nothing follows.
   */
  prepare(tx: Tx, tenant: { id: string; platformId: string }): Promise<PreparedFollow | null>;
}

export interface PreparedFollow {
  /** Throws when the change must be refused; nothing has been written yet. */
  check(caller: Caller, window: MaintenanceWindow): void;
  /** After the tenant row holds the new window. */
  follow(tx: Tx, caller: Caller, window: MaintenanceWindow): Promise<void>;
}

@Injectable()
export class WindowFollowers {
  private readonly followers: WindowFollower[] = [];

  register(follower: WindowFollower): void {
    if (!this.followers.includes(follower)) this.followers.push(follower);
  }

  async prepare(tx: Tx, tenant: { id: string; platformId: string }): Promise<PreparedFollow[]> {
    const prepared: PreparedFollow[] = [];
    for (const follower of this.followers) {
      const p = await follower.prepare(tx, tenant);
      if (p) prepared.push(p);
    }
    return prepared;
  }
}
