/** Small deterministic PRNG (mulberry32): seeds and fault injection must replay identically. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A stable, lowercase v4-shaped GUID derived from a name (e.g. `acct1/product/42`): the same seed always yields
 * the same ids, which keeps fixtures, snapshots and cross-process tests deterministic.
 */
export function stableGuid(name: string): string {
  const next = createPrng(hashString(name));
  let hex = '';
  for (let i = 0; i < 4; i++)
    hex += Math.floor(next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A random GUID for records created at run time, drawn from the sandbox's own PRNG. */
export function randomGuid(next: () => number): string {
  return stableGuid(`${next()}:${next()}`);
}
