import { startTestApp, TestApp } from '../support/app';
import { newPartner, newPlatform } from '../support/factories';

/** The customer postpone policy: per platform with defaults, overridden per partner field by field. */
describe('customerPostpone on platforms and partners', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a platform has the defaults and changes the fields given', async () => {
    const platform = await newPlatform(t.admin);
    expect(platform.customerPostpone).toEqual({ allowed: true, maxDays: 14, maxTimes: 2 });
    const changed = await t.admin
      .patch(`/platforms/${platform.id}`, { customerPostpone: { maxTimes: 1 } })
      .expect(200);
    expect(changed.body.customerPostpone).toEqual({ allowed: true, maxDays: 14, maxTimes: 1 });
    const own = await newPlatform(t.admin, { customerPostpone: { allowed: false } });
    expect(own.customerPostpone).toEqual({ allowed: false, maxDays: 14, maxTimes: 2 });
  });

  it('a partner overrides the fields it sets, and null goes back to the platform’s', async () => {
    const platform = await newPlatform(t.admin);
    const partner = await newPartner(t.admin, platform.id);
    expect(partner.customerPostpone).toBeNull();
    const set = await t.admin
      .patch(`/partners/${partner.id}`, { customerPostpone: { maxDays: 3 } })
      .expect(200);
    expect(set.body.customerPostpone).toEqual({ maxDays: 3 });
    const cleared = await t.admin
      .patch(`/partners/${partner.id}`, { customerPostpone: null })
      .expect(200);
    expect(cleared.body.customerPostpone).toBeNull();
  });

  it('bad values: 400 naming the field, nothing written', async () => {
    const platform = await newPlatform(t.admin);
    const partner = await newPartner(t.admin, platform.id);
    const bad = [
      [{ maxDays: -1 }, 'customerPostpone.maxDays'],
      [{ maxTimes: 1.5 }, 'customerPostpone.maxTimes'],
      [{ allowed: 'yes' }, 'customerPostpone.allowed'],
      [{ often: 3 }, 'customerPostpone.often'],
    ] as const;
    for (const [value, field] of bad) {
      for (const path of [`/platforms/${platform.id}`, `/partners/${partner.id}`]) {
        const res = await t.admin.patch(path, { customerPostpone: value }).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    }
    const platformNow = await t.admin.get(`/platforms/${platform.id}`).expect(200);
    expect(platformNow.body.customerPostpone).toEqual({ allowed: true, maxDays: 14, maxTimes: 2 });
    const partnerNow = await t.admin.get(`/partners/${partner.id}`).expect(200);
    expect(partnerNow.body.customerPostpone).toBeNull();
  });
});
