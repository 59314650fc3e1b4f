/**
 * A platform's rule saying which rollouts need confirmation with an e-mailed one-time code before
 * anything runs (any rule that is on and matches; src/rollouts/confirmation-rule.ts applies it).
 */
export interface ConfirmationPolicy {
  downgrade: boolean;
  forced: boolean;
  platformScope: boolean;
  /** More than this many tenants; null: no count rule. */
  tenantsOver: number | null;
}

/** A downgrade, a whole platform, or more than 1,000 tenants (the migration's column defaults). */
export const DEFAULT_CONFIRMATION_POLICY: ConfirmationPolicy = {
  downgrade: true,
  forced: false,
  platformScope: true,
  tenantsOver: 1000,
};
