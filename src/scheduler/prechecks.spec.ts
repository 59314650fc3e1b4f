import { type PrecheckFacts, precheckProblem } from './prechecks';

const ok: PrecheckFacts = {
  targetVersion: '2.0.0',
  tenantState: 'active',
  installedVersion: '1.0.0',
  customizations: false,
  autoUpdateAllowed: true,
  channel: 'available',
  createdByRole: 'partner_admin',
  forced: false,
  redeploy: false,
  allowDowngrade: false,
};
const problem = (changes: Partial<PrecheckFacts>) => precheckProblem({ ...ok, ...changes });

describe('the pre-checks when an update starts', () => {
  it('pass for an allowed version on a standard, entitled tenant', () => {
    expect(precheckProblem(ok)).toBeNull();
  });

  it('fail a customized tenant: it must be restored first', () => {
    expect(problem({ customizations: true })).toMatch(/^the tenant has customizations: .*restore/);
  });

  it('fail when the version is no longer allowed', () => {
    expect(problem({ channel: null })).toBe(
      "version 2.0.0 no longer exists on the tenant's platform",
    );
    expect(problem({ channel: 'prohibited' })).toBe('version 2.0.0 is prohibited');
  });

  it('fail when the tenant is not entitled to the version', () => {
    expect(problem({ channel: 'test' })).toMatch(/not entitled to 2\.0\.0: it is a test version/);
    expect(problem({ channel: 'test', createdByRole: 'platform_admin' })).toBeNull();
    expect(problem({ autoUpdateAllowed: false })).toMatch(/not entitled to automatic updates/);
    expect(problem({ autoUpdateAllowed: false, forced: true })).toMatch(/not entitled/);
    expect(
      problem({ autoUpdateAllowed: false, forced: true, createdByRole: 'platform_admin' }),
    ).toBeNull();
  });

  it('fail a version path that is not allowed any more', () => {
    expect(problem({ installedVersion: '2.0.0' })).toMatch(/already runs 2\.0\.0/);
    expect(problem({ installedVersion: '2.0.0', redeploy: true })).toBeNull();
    expect(problem({ installedVersion: '3.0.0' })).toMatch(/older than the installed 3\.0\.0/);
    expect(problem({ installedVersion: '3.0.0', allowDowngrade: true })).toBeNull();
  });

  it('fail a tenant that was locked', () => {
    expect(problem({ tenantState: 'locked' })).toBe('the tenant is locked');
  });
});
