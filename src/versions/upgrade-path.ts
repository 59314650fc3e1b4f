import * as semver from 'semver';
import type { VersionChannel } from './software-version.entity';

/** What the path finder knows of one version of a platform. */
export interface PathVersion {
  version: string;
  channel: VersionChannel;
  /** The oldest installed version this one may be applied on; null: any. */
  minimumFrom: string | null;
}

export type UpgradePath =
  | { found: true; hops: string[] }
  | { found: false; reason: string; missing: { version: string; minimumFrom: string } };

/** Whether `to` may be applied on a tenant running `from` (an upgrade that its minimumFrom allows). */
function canApply(from: string, to: PathVersion): boolean {
  return (
    semver.gt(to.version, from) && (to.minimumFrom === null || semver.gte(from, to.minimumFrom))
  );
}

/**
 * The versions to apply in turn to go from `from` to `target` (the last is `target`): the fewest
 * hops over the platform's versions that are not prohibited, and among paths of as many hops the
 * one whose each hop goes as far as it can (the newest intermediate versions). A downgrade or a
 * reinstall of the same version is one hop (minimumFrom only guards upgrades). When no path
 * exists, `missing` names the link that is missing: a version whose minimumFrom nothing reachable
 * from `from` satisfies.
 */
export function upgradePath(
  from: string,
  target: PathVersion,
  versions: PathVersion[],
): UpgradePath {
  if (!semver.gt(target.version, from) || canApply(from, target)) {
    return { found: true, hops: [target.version] };
  }
  const between = versions
    .filter(
      (v) =>
        v.channel !== 'prohibited' &&
        semver.gt(v.version, from) &&
        semver.lt(v.version, target.version),
    )
    .sort((a, b) => semver.compare(a.version, b.version));
  // Hops still needed from each intermediate version to reach the target (backwards, newest first).
  const toTarget = new Map<string, number>();
  for (let i = between.length - 1; i >= 0; i--) {
    const v = between[i].version;
    if (canApply(v, target)) {
      toTarget.set(v, 1);
      continue;
    }
    let best = Infinity;
    for (let j = i + 1; j < between.length; j++) {
      const next = toTarget.get(between[j].version);
      if (next !== undefined && canApply(v, between[j])) best = Math.min(best, next + 1);
    }
    if (best < Infinity) toTarget.set(v, best);
  }
  let fewest = Infinity;
  for (const v of between) {
    const n = toTarget.get(v.version);
    if (n !== undefined && canApply(from, v)) fewest = Math.min(fewest, n);
  }
  if (fewest === Infinity) return noPath(from, target, between);
  const hops: string[] = [];
  let current = from;
  for (let left = fewest; left > 0; left--) {
    // The newest next version that still reaches the target in `left - 1` more hops.
    const next = [...between]
      .reverse()
      .find((v) => toTarget.get(v.version) === left && canApply(current, v)) as PathVersion;
    hops.push(next.version);
    current = next.version;
  }
  hops.push(target.version);
  return { found: true, hops };
}

/**
 * The missing link: from the newest version reachable from `from`, the first version on the way to
 * the target that it cannot be applied on.
 */
function noPath(from: string, target: PathVersion, between: PathVersion[]): UpgradePath {
  let reached = from;
  for (const v of between) if (canApply(reached, v)) reached = v.version;
  const blocking =
    [...between, target].find(
      (v) => semver.gt(v.version, reached) && !canApply(reached, v) && v.minimumFrom !== null,
    ) ?? target;
  const minimumFrom = blocking.minimumFrom ?? from;
  const via = reached === from ? '' : ` (the newest version reachable from ${from} is ${reached})`;
  return {
    found: false,
    missing: { version: blocking.version, minimumFrom },
    reason: `no upgrade path from ${from} to ${target.version}: ${blocking.version} needs at least ${minimumFrom} (its minimumFrom) and no version that is not prohibited leads there${via}`,
  };
}
