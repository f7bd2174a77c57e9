/**
 * THE rule for which published version is in force at a time: the one with the latest
 * effectiveFrom not after it; of two with the same effectiveFrom, the higher number. The resolver
 * (evaluation), the overview and the repository's transactional reads all ask this function.
 */
export function versionInForceAt<T extends { version: number; effectiveFrom: Date }>(
  versions: readonly T[],
  at: Date,
): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom.getTime() > at.getTime()) continue;
    if (
      !best ||
      v.effectiveFrom.getTime() > best.effectiveFrom.getTime() ||
      (v.effectiveFrom.getTime() === best.effectiveFrom.getTime() && v.version > best.version)
    )
      best = v;
  }
  return best;
}
