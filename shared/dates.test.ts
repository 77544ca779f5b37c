import { afterEach, describe, expect, it } from 'vitest';
import { KontorError } from './errors';
import {
  shiftedClock,
  addDays,
  addTarget2Days,
  compareDates,
  daysBetween,
  easterSunday,
  fixedClock,
  formatBusinessDate,
  isBusinessDate,
  isTarget2Day,
  localClock,
  nextTarget2Day,
  parseBusinessDate,
  startedClock,
  toInstantIso,
  weekday,
} from './dates';

describe('isBusinessDate', () => {
  it('accepts real calendar dates including leap days', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '2026-04-30']) {
      expect(isBusinessDate(d), d).toBe(true);
    }
  });

  it('refuses impossible dates and other shapes', () => {
    const bad = [
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-01-00',
      '2024-1-01',
      '24-01-01',
      '20240101',
      '2024-01-01T00:00',
      ' 2024-01-01',
      '0999-01-01',
    ];
    for (const d of bad) expect(isBusinessDate(d), d).toBe(false);
  });
});

describe('parseBusinessDate', () => {
  it.each([
    ['2026-11-21', '2026-11-21'],
    ['21.11.2026', '2026-11-21'],
    ['1.2.2026', '2026-02-01'],
    ['01.02.26', '2026-02-01'],
    ['29.02.24', '2024-02-29'],
    ['20261121', '2026-11-21'],
    [' 21.11.2026 ', '2026-11-21'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseBusinessDate(text)).toBe(expected);
  });

  it('throws date.invalid for impossible dates and unknown formats', () => {
    const bad = [
      '',
      '29.02.2023',
      '31.04.2026',
      '2026-02-30',
      '20260230',
      '32.01.2026',
      '1.13.2026',
      '2026/11/21',
      '11/21/2026',
      '21.11.',
      '2026-1121',
      '21-11-2026',
      'heute',
      '21.11.026',
    ];
    for (const text of bad) {
      expect(() => parseBusinessDate(text), text).toThrow(KontorError);
      try {
        parseBusinessDate(text);
      } catch (e) {
        expect((e as KontorError).code).toBe('date.invalid');
      }
    }
  });
});

describe('formatBusinessDate', () => {
  it('writes DD.MM.YYYY in German and ISO in English', () => {
    expect(formatBusinessDate('2026-11-21', 'de')).toBe('21.11.2026');
    expect(formatBusinessDate('2026-02-01', 'de')).toBe('01.02.2026');
    expect(formatBusinessDate('2026-11-21', 'en')).toBe('2026-11-21');
  });

  it('refuses a value that is not a business date', () => {
    expect(() => formatBusinessDate('2026-02-30', 'en')).toThrow(RangeError);
  });
});

describe('date arithmetic', () => {
  it('crosses month ends, leap days and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-01-31', 30)).toBe('2024-03-01');
    expect(addDays('2026-03-31', 365)).toBe('2027-03-31');
    expect(addDays('2024-03-01', -366)).toBe('2023-03-01');
    expect(addDays('2026-11-21', 0)).toBe('2026-11-21');
  });

  it('counts days between dates, signed', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2026-11-21', '2026-11-01')).toBe(-20);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('compares dates', () => {
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-02')).toBe(1);
    expect(compareDates('2026-05-05', '2026-05-05')).toBe(0);
    expect(compareDates('2025-12-31', '2026-01-01')).toBe(-1);
  });

  it('knows the weekday', () => {
    expect(weekday('2026-11-21')).toBe(6); // Saturday
    expect(weekday('2026-11-22')).toBe(0);
    expect(weekday('2026-11-23')).toBe(1);
    expect(weekday('2000-01-01')).toBe(6);
  });

  it('refuses fractional day counts and results past year 9999', () => {
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

// Only tests may touch the environment; shared/ code runs in the renderer too.
// eslint-disable-next-line no-restricted-globals -- switching TZ proves zone independence
const env = process.env;

describe('independence from the time zone', () => {
  const originalTz = env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete env.TZ;
    else env.TZ = originalTz;
  });

  it.each(['Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])(
    'gives the same answers across DST changes in %s',
    (tz) => {
      env.TZ = tz;
      expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
      expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
      expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
      expect(addDays('2026-10-25', -1)).toBe('2026-10-24');
      expect(addDays('2026-03-08', 1)).toBe('2026-03-09'); // US DST start
      expect(daysBetween('2026-03-01', '2026-11-01')).toBe(245);
      expect(weekday('2026-03-29')).toBe(0);
      expect(parseBusinessDate('29.03.2026')).toBe('2026-03-29');
      expect(fixedClock('2026-03-29T00:30:00Z').today()).toBe('2026-03-29');
    },
  );

  it("lets the workstation clock's today follow the local calendar date", () => {
    const clock = localClock(() => Date.parse('2026-11-25T09:00:00Z'));
    env.TZ = 'Pacific/Pago_Pago'; // UTC−11: still the evening before
    expect(clock.today()).toBe('2026-11-24');
    env.TZ = 'Pacific/Kiritimati'; // UTC+14: late that evening
    expect(clock.today()).toBe('2026-11-25');
    expect(toInstantIso(clock.now())).toBe('2026-11-25T09:00:00.000Z');
  });

  it('gives a started clock the same today in every zone', () => {
    for (const tz of ['Pacific/Pago_Pago', 'Pacific/Kiritimati', 'UTC']) {
      env.TZ = tz;
      expect(
        startedClock(
          '2026-11-25T09:00:00Z',
          localClock(() => 0),
        ).today(),
        tz,
      ).toBe('2026-11-25');
    }
  });
});

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2008, '2008-03-23'],
    [2285, '2285-03-22'], // earliest possible
    [1943, '1943-04-25'], // latest possible
  ])('%i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(weekday(date)).toBe(0);
  });
});

describe('TARGET2 calendar', () => {
  it('is closed on the 2026 holidays and weekends', () => {
    for (const d of ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2025-12-26', '2024-12-26']) {
      expect(isTarget2Day(d), d).toBe(false);
    }
    expect(isTarget2Day('2026-11-21')).toBe(false); // Saturday
    expect(isTarget2Day('2026-11-22')).toBe(false); // Sunday
  });

  it('is open on ordinary weekdays and on days some countries close', () => {
    for (const d of ['2026-04-02', '2026-04-07', '2026-05-14', '2025-10-03', '2026-12-24', '2026-12-31', '2026-11-23']) {
      expect(isTarget2Day(d), d).toBe(true);
    }
  });

  it('rolls over a Christmas weekend to the next open day', () => {
    // 2027: Christmas Saturday, 26 December Sunday, so Monday 27 is open.
    expect(nextTarget2Day('2027-12-24')).toBe('2027-12-24');
    expect(nextTarget2Day('2027-12-25')).toBe('2027-12-27');
    // 2026: Christmas Friday and 26 December Saturday.
    expect(nextTarget2Day('2026-12-25')).toBe('2026-12-28');
    // 2021: Christmas Saturday, 2022-01-01 Saturday too.
    expect(nextTarget2Day('2021-12-31')).toBe('2021-12-31');
    expect(nextTarget2Day('2022-01-01')).toBe('2022-01-03');
  });

  it('rolls over Easter', () => {
    expect(nextTarget2Day('2026-04-03')).toBe('2026-04-07');
  });

  it('adds and subtracts TARGET2 days, not counting the start', () => {
    expect(addTarget2Days('2026-04-02', 1)).toBe('2026-04-07');
    expect(addTarget2Days('2026-04-07', -1)).toBe('2026-04-02');
    expect(addTarget2Days('2026-12-23', 2)).toBe('2026-12-28');
    expect(addTarget2Days('2026-11-20', 1)).toBe('2026-11-23');
    expect(addTarget2Days('2026-11-21', 1)).toBe('2026-11-23');
    expect(addTarget2Days('2026-11-23', 5)).toBe('2026-11-30');
    expect(addTarget2Days('2026-11-22', -1)).toBe('2026-11-20');
    expect(addTarget2Days('2026-12-31', 1)).toBe('2027-01-04'); // 1 Jan Friday
  });

  it('with zero days gives the day itself or the next open day', () => {
    expect(addTarget2Days('2026-11-23', 0)).toBe('2026-11-23');
    expect(addTarget2Days('2026-11-21', 0)).toBe('2026-11-23');
  });
});

describe('clocks', () => {
  it('fixedClock returns the instant and its UTC date', () => {
    const clock = fixedClock('2026-11-21T23:30:00Z');
    expect(toInstantIso(clock.now())).toBe('2026-11-21T23:30:00.000Z');
    expect(clock.today()).toBe('2026-11-21');
  });

  it('fixedClock converts an offset instant to UTC for the default date', () => {
    const clock = fixedClock('2026-11-22T00:30:00+01:00');
    expect(toInstantIso(clock.now())).toBe('2026-11-21T23:30:00.000Z');
    expect(clock.today()).toBe('2026-11-21');
  });

  it('fixedClock takes an explicit local today', () => {
    expect(fixedClock('2026-11-21T23:30:00Z', '2026-11-22').today()).toBe('2026-11-22');
  });

  it('fixedClock hands out copies, so a caller cannot move the clock', () => {
    const clock = fixedClock('2026-11-21T10:00:00Z');
    clock.now().setUTCFullYear(2000);
    expect(toInstantIso(clock.now())).toBe('2026-11-21T10:00:00.000Z');
  });

  it('fixedClock refuses instants without zone and invalid dates', () => {
    expect(() => fixedClock('2026-11-21T10:00:00')).toThrow(RangeError);
    expect(() => fixedClock('2026-11-21')).toThrow(RangeError);
    expect(() => fixedClock('nonsense')).toThrow(RangeError);
    expect(() => fixedClock('2026-02-30T10:00:00Z')).toThrow(RangeError);
    expect(() => fixedClock('2026-11-21T10:00:00Z', '2026-02-30')).toThrow(RangeError);
  });

  it('localClock reads the instant anew each time', () => {
    let ms = Date.parse('2026-11-25T09:00:00Z');
    const clock = localClock(() => ms);
    ms += 90_000;
    expect(toInstantIso(clock.now())).toBe('2026-11-25T09:01:30.000Z');
  });

  it('toInstantIso writes UTC with Z', () => {
    expect(toInstantIso(new Date(Date.UTC(2026, 10, 21, 9, 5, 7, 12)))).toBe('2026-11-21T09:05:07.012Z');
  });
});

describe('startedClock', () => {
  it('starts at the instant and runs on as its base runs', () => {
    let ms = Date.parse('2020-01-01T00:00:00Z');
    const clock = startedClock(
      '2026-11-25T09:00:00Z',
      localClock(() => ms),
    );
    expect(toInstantIso(clock.now())).toBe('2026-11-25T09:00:00.000Z');
    ms += 3_600_000 + 1_500;
    expect(toInstantIso(clock.now())).toBe('2026-11-25T10:00:01.500Z');
    expect(clock.today()).toBe('2026-11-25');
  });

  it('turns the day at midnight of the offset the instant was written with', () => {
    let ms = 0;
    const clock = startedClock(
      '2026-12-31T23:30:00+01:00',
      localClock(() => ms),
    );
    expect(clock.today()).toBe('2026-12-31');
    ms += 40 * 60_000;
    expect(toInstantIso(clock.now())).toBe('2026-12-31T23:10:00.000Z');
    expect(clock.today()).toBe('2027-01-01');
  });

  it('refuses instants without zone and impossible dates', () => {
    expect(() => startedClock('2026-11-25T09:00:00')).toThrow(RangeError);
    expect(() => startedClock('2027-02-29T09:00:00Z')).toThrow(RangeError);
  });
});

describe('shiftedClock', () => {
  it('moves now and today by whole days, across a month end', () => {
    const c = shiftedClock(fixedClock('2026-11-28T23:30:00+01:00', '2026-11-28'), 3);
    expect(c.today()).toBe('2026-12-01');
    expect(c.now().toISOString()).toBe('2026-12-01T22:30:00.000Z');
    expect(() => shiftedClock(c, 1.5)).toThrow(RangeError);
  });
});
