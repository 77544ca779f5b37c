import { toInstantIso, type Clock } from '../../../shared/dates';

/** A clock the test moves forward; Kontor and the demo bank share it, as real clocks agree. */
export function movableClock(start: string): Clock & { advanceMs(ms: number): void; set(iso: string): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    today: () => toInstantIso(new Date(t)).slice(0, 10),
    advanceMs(ms) {
      t += ms;
    },
    set(iso) {
      t = Math.max(t, Date.parse(iso));
    },
  };
}
