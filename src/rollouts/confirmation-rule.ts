import { randomInt } from 'node:crypto';
import type { ConfirmationPolicy } from '../platforms/confirmation-policy';

export {
  type ConfirmationPolicy,
  DEFAULT_CONFIRMATION_POLICY,
} from '../platforms/confirmation-policy';

/** What a rollout is, as far as the rule is concerned. */
export interface RolloutRisk {
  /** How many of its tenants it downgrades. */
  downgrades: number;
  forced: boolean;
  /** Scoped by platformId (or a filter by platformId): every tenant of a platform. */
  platformScope: boolean;
  tenants: number;
}

export const CONFIRMATION_REASONS = [
  'downgrade',
  'forced',
  'platform_scope',
  'tenants_over',
] as const;
export type ConfirmationReason = (typeof CONFIRMATION_REASONS)[number];

/**
 * Why this rollout needs confirmation under these policies (one per platform it touches: a rule
 * of any of them counts); empty when it does not.
 */
export function confirmationReasons(
  policies: ConfirmationPolicy[],
  risk: RolloutRisk,
): ConfirmationReason[] {
  const reasons = new Set<ConfirmationReason>();
  for (const p of policies) {
    if (p.downgrade && risk.downgrades > 0) reasons.add('downgrade');
    if (p.forced && risk.forced) reasons.add('forced');
    if (p.platformScope && risk.platformScope) reasons.add('platform_scope');
    if (p.tenantsOver !== null && risk.tenants > p.tenantsOver) reasons.add('tenants_over');
  }
  return CONFIRMATION_REASONS.filter((r) => reasons.has(r));
}

/** No 0/O, 1/I/L: a code read from an e-mail and typed by hand is typed right. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
export const CODE_VALID_MINUTES = 30;
export const MAX_WRONG_CODES = 5;

/** A new one-time code: each character drawn uniformly by the CSPRNG (crypto.randomInt). */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The code as typed: letter case, spaces and dashes do not matter ("abcd-efgh"). */
export function normalizeCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}
