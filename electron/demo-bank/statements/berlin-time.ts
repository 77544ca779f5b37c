/**
 * German local time for the timestamps a German bank writes (camt
 * `FrToDt`, MT942 `:13D:`): CET (+01:00), CEST (+02:00) from the last Sunday
 * of March to the last Sunday of October, switching at 01:00 UTC. Computed
 * from the EU rule, so the workstation's time zone never matters.
 */
import { addDays, weekday, type BusinessDate } from '../../../shared/dates';

const MINUTE = 60_000;
const ISO_INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})$/;

function lastSunday(year: number, month: '03' | '10'): BusinessDate {
  const last = `${year}-${month}-31`;
  return addDays(last, -weekday(last));
}

/** Minutes east of UTC in Germany at a UTC instant (60 or 120). */
export function berlinOffsetMinutes(epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear();
  const summerStart = Date.parse(`${lastSunday(year, '03')}T01:00:00Z`);
  const summerEnd = Date.parse(`${lastSunday(year, '10')}T01:00:00Z`);
  return epochMs >= summerStart && epochMs < summerEnd ? 120 : 60;
}

function offsetText(minutes: number, separator: string): string {
  const h = String(Math.floor(minutes / 60)).padStart(2, '0');
  const m = String(minutes % 60).padStart(2, '0');
  return `+${h}${separator}${m}`;
}

/** `2026-03-02T00:00:00+01:00`: a German wall-clock time on a business date. */
export function berlinDateTime(date: BusinessDate, time: string): string {
  // Read the wall clock as if it were CET; one hour off only inside the
  // switching hour, which the callers (00:00:00, 23:59:59) never hit.
  const guess = Date.parse(`${date}T${time}Z`) - 60 * MINUTE;
  return `${date}T${time}${offsetText(berlinOffsetMinutes(guess), ':')}`;
}

/** A UTC ISO instant as German local date, `HHMM` and offset `+0100`. */
export function berlinLocal(instantIso: string): { date: BusinessDate; hhmm: string; offset: string } {
  const ms = Date.parse(instantIso);
  if (!ISO_INSTANT.test(instantIso) || Number.isNaN(ms)) {
    throw new RangeError(`Not an ISO instant with zone: "${instantIso}"`);
  }
  const offset = berlinOffsetMinutes(ms);
  const local = new Date(ms + offset * MINUTE).toISOString();
  return { date: local.slice(0, 10), hhmm: local.slice(11, 13) + local.slice(14, 16), offset: offsetText(offset, '') };
}

export function assertInstant(instantIso: string): string {
  berlinLocal(instantIso);
  return instantIso;
}
