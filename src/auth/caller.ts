import type { Role } from './api-key.entity';

/** Who is calling: resolved from the API key by ApiKeyGuard for every authenticated request. */
export interface Caller {
  keyId: string;
  name: string;
  role: Role;
  /** Set for partner admins: the only partner they may see or act on. */
  partnerId: string | null;
  /** Set for partner admins: their partner's platform (versions and maintenance they may read). */
  platformId: string | null;
}

/**
 * What a caller may see. Every partner-scoped query takes one; there is no unscoped path.
 * `partnerId: null` means every partner (platform admins).
 */
export interface Scope {
  partnerId: string | null;
  platformId: string | null;
}

export const ALL_PARTNERS: Scope = { partnerId: null, platformId: null };

export function scopeOf(caller: Caller): Scope {
  if (caller.role === 'platform_admin') return ALL_PARTNERS;
  return { partnerId: caller.partnerId, platformId: caller.platformId };
}

export function isPlatformAdmin(caller: Caller): boolean {
  return caller.role === 'platform_admin';
}

/** A partner-scoped caller sees `partnerId` only if it is its own. */
export function partnerInScope(scope: Scope, partnerId: string): boolean {
  return scope.partnerId === null || scope.partnerId === partnerId;
}

export function platformInScope(scope: Scope, platformId: string): boolean {
  return scope.platformId === null || scope.platformId === platformId;
}
