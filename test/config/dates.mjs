#!/usr/bin/env node
/**
 * `npm run test:dates [-- RUN…]`: the unit and integration suite on dates and
 * in zones where a test that reads the real clock would fail: a Saturday, a
 * Monday, New Year's Eve at 23:30, 29 February 2028, and the real time in
 * UTC+14 (Pacific/Kiritimati) and UTC−8/−7 (America/Los_Angeles). One summary
 * line per run; the exit code is 1 if any run failed. Name runs to do only
 * those, e.g. `npm run test:dates -- saturday kiritimati`.
 *
 * The clock: Debian's faketime (package `faketime`) preloads libfaketime into
 * vitest and everything it starts. `@YYYY-MM-DD hh:mm:ss` is a start-at time:
 * the clock starts there and runs on, so timeouts and polling behave as
 * usual. With it:
 * - FAKETIME_DONT_RESET=1: child processes (workers, tsx children of the
 *   integration tests) continue the same clock instead of starting again at
 *   the start time, so parent and child agree as real clocks do;
 * - FAKETIME_DONT_FAKE_MONOTONIC=1: Node's timers run on the monotonic clock,
 *   which stays real (faking it is known to stall runtimes; nothing in
 *   Kontor reads it as a date);
 * - TZ=UTC, so the start time means the same on every machine. LD_PRELOAD is
 *   inherited through the environment; FAKETIME_NO_CACHE is not needed, the
 *   time is given in the environment, not in a file that changes.
 *
 * The keychain: the vault's tests need a Secret Service on a D-Bus session.
 * Run inside one (as CI's `dbus-run-session` does) and the script uses it;
 * without one (DBUS_SESSION_BUS_ADDRESS unset) it starts one for itself with
 * `dbus-run-session` and an unlocked gnome-keyring on a throwaway folder, as
 * .ci/run does. The session and the keyring run on the real clock; only the
 * tests run on the faked one. Logs: test-results/dates/<run>.log.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const logDir = join(root, 'test-results', 'dates');

/** What each run changes: a faketime start (in UTC) and/or a time zone. */
const RUNS = [
  { name: 'saturday', what: 'Saturday 2026-12-05 10:00 UTC', start: '2026-12-05 10:00:00', tz: 'UTC' },
  { name: 'monday', what: 'Monday 2026-12-07 09:00 UTC', start: '2026-12-07 09:00:00', tz: 'UTC' },
  { name: 'new-years-eve', what: 'Thursday 2026-12-31 23:30 UTC', start: '2026-12-31 23:30:00', tz: 'UTC' },
  { name: 'leap-day', what: 'Tuesday 2028-02-29 12:00 UTC', start: '2028-02-29 12:00:00', tz: 'UTC' },
  { name: 'kiritimati', what: 'today, TZ=Pacific/Kiritimati (UTC+14)', tz: 'Pacific/Kiritimati' },
  { name: 'los-angeles', what: 'today, TZ=America/Los_Angeles', tz: 'America/Los_Angeles' },
];

function have(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** The shell command of one run: vitest with a JSON report beside the usual output. */
function runCommand(run, report) {
  const vitest = `npx vitest run --config test/config/vitest.config.ts --reporter=default --reporter=json --outputFile.json=${report}`;
  const faked = run.start ? `FAKETIME_DONT_RESET=1 FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f '@${run.start}' ${vitest}` : vitest;
  return `TZ=${run.tz} ${faked}`;
}

/** Runs the command inside the caller's D-Bus session, or in a new one with an unlocked throwaway keyring. */
function inSession(command, logFile) {
  const body = process.env.DBUS_SESSION_BUS_ADDRESS
    ? command
    : `keyrings=$(mktemp -d); trap 'rm -rf "$keyrings"' EXIT; echo -n kontor-dates | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${command}`;
  const script = `(${body}) > '${logFile}' 2>&1`;
  const argv = process.env.DBUS_SESSION_BUS_ADDRESS ? ['bash', ['-c', script]] : ['dbus-run-session', ['--', 'bash', '-c', script]];
  return spawnSync(argv[0], argv[1], { cwd: root, stdio: 'inherit' }).status;
}

function summary(report) {
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    return {
      failed: r.numFailedTests,
      text: `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped of ${r.numTotalTests}`,
    };
  } catch {
    return { failed: 1, text: 'no report (vitest did not finish)' };
  }
}

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !RUNS.some((r) => r.name === a));
if (unknown.length > 0) {
  console.error(`Unknown run(s): ${unknown.join(', ')}. Runs: ${RUNS.map((r) => r.name).join(', ')}.`);
  process.exit(2);
}
const missing = ['faketime', ...(process.env.DBUS_SESSION_BUS_ADDRESS ? [] : ['dbus-run-session', 'gnome-keyring-daemon'])].filter((c) => !have(c));
if (missing.length > 0) {
  console.error(`test:dates needs ${missing.join(', ')} (Debian: apt-get install faketime dbus gnome-keyring).`);
  process.exit(2);
}

mkdirSync(logDir, { recursive: true });
const reports = mkdtempSync(join(tmpdir(), 'kontor-dates-'));
let failures = 0;
try {
  for (const run of RUNS.filter((r) => asked.length === 0 || asked.includes(r.name))) {
    const report = join(reports, `${run.name}.json`);
    const logFile = join(logDir, `${run.name}.log`);
    // The runner times the runs; it is a tool, not a test, and runs on the real clock.
    const began = Date.now();
    const status = inSession(runCommand(run, report), logFile);
    const seconds = Math.round((Date.now() - began) / 1000);
    const s = summary(report);
    const ok = status === 0 && s.failed === 0;
    if (!ok) failures++;
    console.log(
      `${ok ? 'PASS' : 'FAIL'} ${run.name.padEnd(13)} ${run.what.padEnd(40)} ${s.text}, ${seconds} s${ok ? '' : ` (exit ${status}; log: ${logFile})`}`,
    );
  }
} finally {
  rmSync(reports, { recursive: true, force: true });
}
process.exit(failures === 0 ? 0 : 1);
