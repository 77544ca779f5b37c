// `npm test` and CI: run npm scripts one after another, every one of them
// even when an earlier one failed (a lint error must not hide a failing
// test), then print one summary line per stage (name, pass/fail, duration)
// and fail at the end if any stage failed.
//
//   node test/config/run-stages.mjs typecheck lint test:unit test:e2e
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const stages = process.argv.slice(2);
if (stages.length === 0) {
  console.error('Usage: node test/config/run-stages.mjs <npm script> [<npm script> …]');
  process.exit(2);
}

/**
 * CPU seconds of every finished child process and their descendants (Linux,
 * /proc/self/stat cutime + cstime at 100 ticks a second), so a summary from a
 * busy machine still tells what a stage costs; null elsewhere.
 */
function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// Lines that name what failed (vitest's FAIL/×, Playwright's ✘ and its numbered failure headings, assertion
// errors). CI shows only the head and tail of the log, so the summary repeats them for a failed stage.
const failureLine = /(^\s*(FAIL|✘|×)\s)|(^\s*\d+\) \[)|(AssertionError|Error: expect|Timeout \d+ms exceeded|Test timeout of)/;

// Colour codes (ESC [ … m) that test runners print even into a pipe when asked to.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Runs one npm script with its output passed through, and keeps the lines that name a failure. */
function runStage(stage) {
  return new Promise((resolvePromise) => {
    const child = spawn(npm, ['run', stage], { stdio: ['inherit', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const failures = [];
    const watch = (stream, sink) => {
      let rest = '';
      stream.on('data', (chunk) => {
        sink.write(chunk);
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const plain = line.replace(ANSI_COLOUR, '');
          if (failureLine.test(plain) && failures.length < 40) failures.push(plain.slice(0, 300));
        }
      });
    };
    watch(child.stdout, process.stdout);
    watch(child.stderr, process.stderr);
    child.on('error', (error) => resolvePromise({ status: null, signal: null, error, failures }));
    child.on('close', (status, signal) => resolvePromise({ status, signal, error: null, failures }));
  });
}

const results = [];
for (const stage of stages) {
  console.log(`\n== ${stage}`);
  const started = process.hrtime.bigint();
  const cpuBefore = childCpuSeconds();
  const r = await runStage(stage);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childCpuSeconds();
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  const passed = r.status === 0;
  results.push({ stage, passed, seconds, cpu, failures: r.failures });
  if (!passed) console.log(`== ${stage} FAILED (${r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit code ${r.status}`})`);
}

const width = Math.max(...stages.map((s) => s.length));
const clock = (s) => (s >= 60 ? `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s` : `${s.toFixed(1)} s`);
console.log('\n== summary');
for (const { stage, passed, seconds, cpu } of results) {
  console.log(`stage ${stage.padEnd(width)}  ${passed ? 'pass' : 'FAIL'}  ${clock(seconds).padStart(12)}${cpu === null ? '' : `  (CPU ${clock(cpu)})`}`);
}
for (const { stage, passed, failures } of results) {
  if (passed || failures.length === 0) continue;
  console.log(`\n== what failed in ${stage}`);
  for (const line of [...new Set(failures)]) console.log(line);
}
const failed = results.filter((r) => !r.passed).map((r) => r.stage);
const total = results.reduce((sum, r) => sum + r.seconds, 0);
console.log(
  failed.length
    ? `${failed.length} of ${results.length} stages failed (${failed.join(', ')}) in ${clock(total)}`
    : `all ${results.length} stages passed in ${clock(total)}`,
);
process.exitCode = failed.length ? 1 : 0;
