import { assertWebhookUrl, isPublicAddress } from './url-safety';

describe('webhook URL safety', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['93.184.216.34', true],
    ['2606:2800:220:1:248:1893:25c8:1946', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  const resolvesTo =
    (...addresses: string[]) =>
    () =>
      Promise.resolve(addresses);

  it('accepts an https URL of a public host', async () => {
    await expect(
      assertWebhookUrl('https://hooks.example.com/in', false, 'url', resolvesTo('93.184.216.34')),
    ).resolves.toBe('https://hooks.example.com/in');
  });

  it.each([
    ['http://hooks.example.com/in', 'must be an https URL'],
    ['ftp://hooks.example.com/in', 'must be an https URL'],
    ['not a url', 'must be an absolute URL'],
    ['https://user:pw@hooks.example.com/', 'must not contain credentials'],
    ['https://127.0.0.1/in', 'loopback, private or link-local'],
    ['https://[::1]/in', 'loopback, private or link-local'],
    ['https://169.254.169.254/latest', 'loopback, private or link-local'],
  ])('refuses %s', async (url, reason) => {
    await expect(
      assertWebhookUrl(url, false, 'url', resolvesTo('93.184.216.34')),
    ).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'url' }],
      message: expect.stringContaining(reason),
    });
  });

  it('refuses a name that resolves to a private address, even among public ones', async () => {
    await expect(
      assertWebhookUrl(
        'https://inside.example.com/',
        false,
        'url',
        resolvesTo('93.184.216.34', '10.0.0.5'),
      ),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('10.0.0.5') });
  });

  it('refuses a name that does not resolve', async () => {
    const fails = () => Promise.reject(new Error('ENOTFOUND'));
    await expect(
      assertWebhookUrl('https://nowhere.invalid/', false, 'url', fails),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('does not resolve') });
  });

  it('WEBHOOK_ALLOW_PRIVATE: plain http and loopback are accepted', async () => {
    await expect(assertWebhookUrl('http://127.0.0.1:8080/in', true)).resolves.toBe(
      'http://127.0.0.1:8080/in',
    );
  });
});
