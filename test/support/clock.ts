/**
 * Test support: the one "today" of the tests. Tests never read the wall
 * clock (the lint rule in test/config/eslint.config.js refuses it); they get
 * now and today from testClock, which starts on a fixed date, or from a
 * fixedClock of their own, and pick payment dates with the TARGET2 calendar
 * (nextTarget2Day, addTarget2Days), so they pass on every weekday, at any
 * hour and in any time zone (npm run test:dates proves it).
 */
import { shiftedClock, startedClock, type BusinessDate, type Clock } from '../../shared/dates';

/**
 * Wednesday 25 November 2026, 09:00 UTC: TARGET2 is open that day and the
 * next five business days fall before the December holidays, so "in a few
 * business days" is plain arithmetic in the tests that rely on this clock.
 */
export const TEST_NOW = '2026-11-25T09:00:00Z';

/**
 * Kontor's and the demo bank's clock in tests: it starts at TEST_NOW when the
 * test process loads this module and runs on from there, so records keep the
 * order they were made in (a stuck clock would stamp them all alike), while
 * today stays TEST_TODAY for the next 15 hours.
 */
export const testClock: Clock = startedClock(TEST_NOW);

export const TEST_TODAY: BusinessDate = TEST_NOW.slice(0, 10);

/** testClock (running from TEST_NOW) that the test moves forward by whole days: "the same bank, a week later". */
export function movingTestClock(): Clock & { advanceDays(n: number): void } {
  let clock = testClock;
  let days = 0;
  return {
    now: () => clock.now(),
    today: () => clock.today(),
    advanceDays(n) {
      days += n;
      clock = shiftedClock(testClock, days);
    },
  };
}

/**
 * A certificate validity that holds whatever date the tests run on (also
 * under faketime in 2028): TLS stacks check it against the real clock,
 * which no test can inject.
 */
export const WIDE_VALIDITY: { notBefore: Date; notAfter: Date } = {
  notBefore: new Date('2000-01-01T00:00:00Z'),
  notAfter: new Date('2049-12-31T23:59:59Z'),
};
