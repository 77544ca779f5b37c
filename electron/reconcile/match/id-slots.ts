/**
 * Entry id → entry index for the run. Ledger ids are row ids, nearly dense,
 * so a typed array indexed by `id − smallest id` answers without hashing; a
 * Map of a million numbers cost the bench (issue 21) about a tenth of the
 * run at 1,000,000 entries in hashing and cache misses. Ids too sparse for
 * the array (or not integers) fall back to the Map, with the same answers.
 */
export class IdSlots {
  private readonly slots: Int32Array | null;
  private readonly map: Map<number, number> | null;
  private readonly min: number;

  /** Slot k holds `items[k]`; a repeated id answers its last slot, as Map.set would. */
  constructor(items: readonly { readonly id: number }[]) {
    let min = Infinity;
    let max = -Infinity;
    let integers = true;
    // Index loops here and below: one-shot loops over a million items ran as iterators that allocated per step.
    for (let k = 0; k < items.length; k++) {
      const id = items[k]!.id;
      if (!Number.isSafeInteger(id)) integers = false;
      if (id < min) min = id;
      if (id > max) max = id;
    }
    const span = max - min + 1;
    this.min = min;
    // The array may be at most a few times the ids it holds (4 bytes a slot).
    if (items.length > 0 && integers && span <= 4 * items.length + 1024) {
      this.slots = new Int32Array(span).fill(-1);
      this.map = null;
      for (let k = 0; k < items.length; k++) this.slots[items[k]!.id - min] = k;
    } else {
      this.slots = null;
      this.map = new Map();
      for (let k = 0; k < items.length; k++) this.map.set(items[k]!.id, k);
    }
  }

  /** The slot of `id`, undefined when no slot has it. */
  get(id: number): number | undefined {
    if (this.slots === null) return this.map!.get(id);
    const at = id - this.min;
    // A fraction, NaN or out of range: no integer id of ours is at it.
    if (!(at >= 0 && at < this.slots.length) || !Number.isInteger(at)) return undefined;
    const k = this.slots[at]!;
    return k < 0 ? undefined : k;
  }
}

/**
 * A set of ids with a slot in `slots` (the run's payments): a byte per slot
 * instead of a hash set entry per id. An id without a slot still counts, in a
 * Set of its own.
 */
export class SlotSet {
  private readonly marks: Uint8Array;
  private readonly others = new Set<number>();

  constructor(
    private readonly slots: IdSlots,
    size: number,
  ) {
    this.marks = new Uint8Array(size);
  }

  has(id: number): boolean {
    const k = this.slots.get(id);
    return k === undefined ? this.others.has(id) : this.marks[k] === 1;
  }

  add(id: number): void {
    const k = this.slots.get(id);
    if (k === undefined) this.others.add(id);
    else this.marks[k] = 1;
  }
}

/** A map from ids with a slot in `slots` to values, like SlotSet: an array slot per id, a Map for ids without one. */
export class SlotMap<V> {
  private readonly values: (V | undefined)[];
  private readonly others = new Map<number, V>();

  constructor(
    private readonly slots: IdSlots,
    size: number,
  ) {
    this.values = new Array<V | undefined>(size);
  }

  get(id: number): V | undefined {
    const k = this.slots.get(id);
    return k === undefined ? this.others.get(id) : this.values[k];
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, value: V): void {
    const k = this.slots.get(id);
    if (k === undefined) this.others.set(id, value);
    else this.values[k] = value;
  }
}
