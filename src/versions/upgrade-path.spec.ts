import { type PathVersion, upgradePath } from './upgrade-path';

const v = (
  version: string,
  minimumFrom: string | null = null,
  channel: PathVersion['channel'] = 'available',
): PathVersion => ({
  version,
  channel,
  minimumFrom,
});

describe('upgradePath', () => {
  it('is one hop when the target has no minimumFrom, or the installed version satisfies it', () => {
    expect(upgradePath('13.2.0', v('14.0.0'), [])).toEqual({ found: true, hops: ['14.0.0'] });
    expect(upgradePath('13.5.0', v('14.0.0', '13.5.0'), [])).toEqual({
      found: true,
      hops: ['14.0.0'],
    });
  });

  it('goes through the version the target needs (14.0.0 needs at least 13.5.0)', () => {
    const target = v('14.0.0', '13.5.0');
    const versions = [v('13.2.0'), v('13.4.0'), v('13.5.0'), target];
    expect(upgradePath('13.2.0', target, versions)).toEqual({
      found: true,
      hops: ['13.5.0', '14.0.0'],
    });
  });

  it('takes the fewest hops, and among those the newest versions', () => {
    const target = v('15.0.0', '14.0.0');
    const versions = [
      v('13.5.0'),
      v('13.6.0'),
      v('14.0.0', '13.5.0'),
      v('14.1.0', '13.6.0'),
      target,
    ];
    expect(upgradePath('13.2.0', target, versions)).toEqual({
      found: true,
      hops: ['13.6.0', '14.1.0', '15.0.0'],
    });
    expect(upgradePath('13.5.0', target, versions)).toEqual({
      found: true,
      hops: ['14.0.0', '15.0.0'],
    });
  });

  it('passes over prohibited versions', () => {
    const target = v('14.0.0', '13.5.0');
    const versions = [v('13.5.0', null, 'prohibited'), v('13.6.0'), target];
    expect(upgradePath('13.2.0', target, versions)).toEqual({
      found: true,
      hops: ['13.6.0', '14.0.0'],
    });
  });

  it('names the missing link when there is no path', () => {
    const target = v('14.0.0', '13.5.0');
    const path = upgradePath('13.2.0', target, [
      v('13.3.0'),
      v('13.5.0', null, 'prohibited'),
      target,
    ]);
    expect(path).toMatchObject({
      found: false,
      missing: { version: '14.0.0', minimumFrom: '13.5.0' },
    });
    expect(path.found || path.reason).toBe(
      'no upgrade path from 13.2.0 to 14.0.0: 14.0.0 needs at least 13.5.0 (its minimumFrom) and no version that is not prohibited leads there (the newest version reachable from 13.2.0 is 13.3.0)',
    );
    const chain = upgradePath('13.0.0', target, [v('13.5.0', '13.1.0'), target]);
    expect(chain).toMatchObject({
      found: false,
      missing: { version: '13.5.0', minimumFrom: '13.1.0' },
    });
  });

  it('is one hop for a downgrade or a reinstall', () => {
    expect(upgradePath('14.0.0', v('13.2.0', '13.0.0'), [])).toEqual({
      found: true,
      hops: ['13.2.0'],
    });
    expect(upgradePath('14.0.0', v('14.0.0', '13.5.0'), [])).toEqual({
      found: true,
      hops: ['14.0.0'],
    });
  });
});
