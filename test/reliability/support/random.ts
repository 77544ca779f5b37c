/** A small seeded generator (mulberry32): the same seed gives the same runs. */
export interface Random {
  (): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Random;
  next.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  next.pick = (items) => items[Math.floor(next() * items.length)]!;
  return next;
}

/** The seed of a suite: KONTOR_RELIABILITY_SEED, else a fixed default so CI runs repeat. */
export function suiteSeed(fallback: number): number {
  const raw = process.env.KONTOR_RELIABILITY_SEED;
  return raw && /^\d+$/.test(raw) ? Number(raw) : fallback;
}
