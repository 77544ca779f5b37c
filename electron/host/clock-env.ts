import { shiftedClock, startedClock, systemClock, type Clock } from '../../shared/dates';

/**
 * Demonstrations and end-to-end tests run Kontor and its demo bank on a known
 * date: KONTOR_CLOCK_START (an ISO instant with zone, e.g.
 * `2026-11-25T09:00:00Z`) starts the clock there, from where it runs on in
 * real time; KONTOR_CLOCK_OFFSET_DAYS moves it whole days ahead, also on top
 * of a start ("the same session, days later"). Neither set: the workstation's
 * clock.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env, base: Clock = systemClock): Clock {
  const start = env.KONTOR_CLOCK_START ?? '';
  let clock = base;
  if (start !== '') {
    try {
      clock = startedClock(start, base);
    } catch {
      throw new Error(`KONTOR_CLOCK_START must be an ISO instant with zone, e.g. 2026-11-25T09:00:00Z (got "${start}").`);
    }
  }
  const days = Number(env.KONTOR_CLOCK_OFFSET_DAYS ?? 0);
  if (!Number.isInteger(days) || Math.abs(days) > 3650) throw new Error('KONTOR_CLOCK_OFFSET_DAYS must be a whole number of days.');
  return days === 0 ? clock : shiftedClock(clock, days);
}
