/**
 * The customer's own say over a planned update (the self-service link in its e-mails,
 * docs/self-service.md): per platform, overridable per partner field by field.
 */
export interface CustomerPostponePolicy {
  /** Customers may postpone at all. */
  allowed: boolean;
  /** How far: the new time starts at most this many days after the time first announced. */
  maxDays: number;
  /** How often, per task. */
  maxTimes: number;
}

export const DEFAULT_CUSTOMER_POSTPONE: CustomerPostponePolicy = {
  allowed: true,
  maxDays: 14,
  maxTimes: 2,
};

/** The policy that applies to a partner's tenants: the partner's fields over the platform's. */
export function customerPostponePolicy(
  platform: CustomerPostponePolicy,
  partner: Partial<CustomerPostponePolicy> | null,
): CustomerPostponePolicy {
  return {
    allowed: partner?.allowed ?? platform.allowed,
    maxDays: partner?.maxDays ?? platform.maxDays,
    maxTimes: partner?.maxTimes ?? platform.maxTimes,
  };
}
