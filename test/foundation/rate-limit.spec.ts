import { startTestApp, TestApp } from '../support/app';
import { newKey } from '../support/factories';

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the limit, counting each API key on its own', async () => {
    const other = t.admin.as(await newKey(t.admin, 'platform_admin'));
    for (let i = 0; i < 4; i++) await t.admin.get('/platforms').expect(200);
    const res = await t.admin.get('/platforms').expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(res.body.message).toMatch(/at most 5 a minute/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await other.get('/platforms').expect(200);
    await t.anonymous.root('/health').expect(200);
  });
});
