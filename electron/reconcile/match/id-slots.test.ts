/** IdSlots answers exactly what a Map from id to slot answers, in its array form and in its Map fallback. */
import { describe, expect, it } from 'vitest';
import { IdSlots } from './id-slots';

function asMap(ids: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  ids.forEach((id, k) => m.set(id, k));
  return m;
}

const probes = [-1, -0, 0, 1, 2, 3, 4.5, 7, 99, 100, 101, 1e9, 2 ** 53, NaN, Infinity, -Infinity];

describe('IdSlots', () => {
  const cases: Record<string, number[]> = {
    'dense row ids': [3, 1, 2, 7, 100, 99],
    'a repeated id (its last slot wins)': [5, 6, 5, 0],
    'ids starting at zero': [0, 1, 2],
    'sparse ids (Map fallback)': [1, 1e9, 42],
    'a fraction among them (Map fallback)': [1, 2, 4.5],
    'NaN among them (Map fallback)': [1, NaN, 3],
    none: [],
  };
  for (const [name, ids] of Object.entries(cases)) {
    it(`answers like a Map: ${name}`, () => {
      const slots = new IdSlots(ids.map((id) => ({ id })));
      const map = asMap(ids);
      for (const id of [...probes, ...ids]) expect(slots.get(id), `id ${id}`).toBe(map.get(id));
    });
  }
});
