import {
  CODE_ALPHABET,
  CODE_LENGTH,
  type ConfirmationPolicy,
  confirmationReasons,
  DEFAULT_CONFIRMATION_POLICY,
  newCode,
  normalizeCode,
  type RolloutRisk,
} from './confirmation-rule';

const safe: RolloutRisk = { downgrades: 0, forced: false, platformScope: false, tenants: 10 };
const none: ConfirmationPolicy = {
  downgrade: false,
  forced: false,
  platformScope: false,
  tenantsOver: null,
};

describe('does this rollout need confirmation', () => {
  const byDefault = (risk: Partial<RolloutRisk>) =>
    confirmationReasons([DEFAULT_CONFIRMATION_POLICY], { ...safe, ...risk });

  it('by default: a downgrade, a whole platform, or more than 1,000 tenants', () => {
    expect(byDefault({})).toEqual([]);
    expect(byDefault({ downgrades: 1 })).toEqual(['downgrade']);
    expect(byDefault({ platformScope: true })).toEqual(['platform_scope']);
    expect(byDefault({ tenants: 1000 })).toEqual([]);
    expect(byDefault({ tenants: 1001 })).toEqual(['tenants_over']);
    expect(byDefault({ forced: true })).toEqual([]);
  });

  it('names every rule that matches, in a fixed order', () => {
    expect(byDefault({ tenants: 5000, platformScope: true, downgrades: 3 })).toEqual([
      'downgrade',
      'platform_scope',
      'tenants_over',
    ]);
  });

  it('forced only when the platform asks for it', () => {
    expect(confirmationReasons([{ ...none, forced: true }], { ...safe, forced: true })).toEqual([
      'forced',
    ]);
  });

  it('no rule on: never, whatever the rollout', () => {
    const risky = { downgrades: 9, forced: true, platformScope: true, tenants: 100_000 };
    expect(confirmationReasons([none], risky)).toEqual([]);
  });

  it('tenantsOver 0: every rollout', () => {
    expect(confirmationReasons([{ ...none, tenantsOver: 0 }], { ...safe, tenants: 1 })).toEqual([
      'tenants_over',
    ]);
  });

  it('across platforms, a rule of any of them counts', () => {
    const strict = { ...none, tenantsOver: 5 };
    expect(confirmationReasons([none, strict], safe)).toEqual(['tenants_over']);
    expect(confirmationReasons([none, none], safe)).toEqual([]);
  });
});

describe('one-time codes', () => {
  it('are 8 characters of the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const code = newCode();
      expect(code).toHaveLength(CODE_LENGTH);
      for (const c of code) expect(CODE_ALPHABET).toContain(c);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('are read regardless of case, spaces and dashes', () => {
    expect(normalizeCode(' abcd-efgh ')).toBe('ABCDEFGH');
  });
});
