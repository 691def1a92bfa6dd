// A small seeded PRNG (mulberry32). The simulator needs repeatable randomness: the same seed gives
// the same delivered volumes and the same corrupted bits, so a failing test can be replayed exactly.

export type Random = () => number;

/** Returns a generator of floats in [0, 1), fully determined by `seed`. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent stream from one seed, so adding corruption never changes delivered volumes. */
export function substream(seed: number, salt: number): Random {
  return mulberry32(Math.imul(seed >>> 0, 0x9e3779b1) ^ salt);
}
