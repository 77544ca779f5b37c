import { describe, expect, it } from 'vitest';
import { toInstantIso, type Clock } from '../../shared/dates';
import { clockFromEnvironment } from './clock-env';

/** A stand-in for the workstation's clock that the test moves; its today is the UTC date, whatever TZ the test runs in. */
const workstation = () => {
  const state = { ms: Date.parse('2030-06-01T12:00:00Z') };
  const clock: Clock = { now: () => new Date(state.ms), today: () => toInstantIso(new Date(state.ms)).slice(0, 10) };
  return { state, clock };
};

describe('the host clock from the environment', () => {
  it('is the workstation clock when nothing is set', () => {
    const { clock: base } = workstation();
    expect(clockFromEnvironment({}, base)).toBe(base);
  });

  it('starts at KONTOR_CLOCK_START and runs on in real time', () => {
    const { state, clock: base } = workstation();
    const clock = clockFromEnvironment({ KONTOR_CLOCK_START: '2026-11-25T09:00:00Z' }, base);
    expect(clock.today()).toBe('2026-11-25');
    state.ms += 61_000;
    expect(toInstantIso(clock.now())).toBe('2026-11-25T09:01:01.000Z');
  });

  it('moves a started clock by KONTOR_CLOCK_OFFSET_DAYS', () => {
    const { clock: base } = workstation();
    const clock = clockFromEnvironment({ KONTOR_CLOCK_START: '2026-11-25T09:00:00Z', KONTOR_CLOCK_OFFSET_DAYS: '7' }, base);
    expect(clock.today()).toBe('2026-12-02');
    expect(toInstantIso(clock.now())).toBe('2026-12-02T09:00:00.000Z');
  });

  it('moves the workstation clock by KONTOR_CLOCK_OFFSET_DAYS alone', () => {
    const { clock: base } = workstation();
    expect(clockFromEnvironment({ KONTOR_CLOCK_OFFSET_DAYS: '-1' }, base).today()).toBe('2030-05-31');
  });

  it('refuses a start without zone and a fractional offset, naming the variable', () => {
    const { clock: base } = workstation();
    expect(() => clockFromEnvironment({ KONTOR_CLOCK_START: '2026-11-25 09:00' }, base)).toThrow(/KONTOR_CLOCK_START/);
    expect(() => clockFromEnvironment({ KONTOR_CLOCK_OFFSET_DAYS: '1.5' }, base)).toThrow(/KONTOR_CLOCK_OFFSET_DAYS/);
  });
});
