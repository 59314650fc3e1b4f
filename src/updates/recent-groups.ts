import type { Clock } from '../common/clock';

/** Scopes with fewer tenants are always counted afresh: their count costs little. */
export const RECENT_GROUPS_MIN_TENANTS = 50_000;
const MAX_SCOPES = 64;

/**
 * The tenant groups of a large scope as a dry run last counted them, for at most `maxAgeMs`: a
 * preview over 1,000,000 tenants otherwise scans them all on every call (about a second). Only
 * dry runs read it; a real schedule always counts inside its own transaction. Scopes under
 * `minTenants` tenants are never kept. A count older than `maxAgeMs` (measured from when it
 * started) is counted again; `maxAgeMs` 0 keeps nothing.
 */
export class RecentGroups<G extends { tenants: number }> {
  private readonly kept = new Map<string, { groups: G[]; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
    private readonly minTenants = RECENT_GROUPS_MIN_TENANTS,
  ) {}

  async read(scopeKey: string, count: () => Promise<G[]>): Promise<G[]> {
    const now = this.clock.now().getTime();
    const last = this.kept.get(scopeKey);
    if (last && now - last.at < this.maxAgeMs) return last.groups;
    const groups = await count();
    this.kept.delete(scopeKey);
    const tenants = groups.reduce((n, g) => n + g.tenants, 0);
    if (this.maxAgeMs > 0 && tenants >= this.minTenants) {
      this.kept.set(scopeKey, { groups, at: now });
      const oldest = this.kept.keys().next().value;
      if (this.kept.size > MAX_SCOPES && oldest !== undefined) this.kept.delete(oldest);
    }
    return groups;
  }

  /** Forgets every kept count (this process has just written tasks). */
  clear(): void {
    this.kept.clear();
  }
}
