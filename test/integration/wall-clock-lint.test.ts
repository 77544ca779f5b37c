/**
 * The guard of issue 14: the lint rule refuses a test that reads the wall
 * clock, with advice, and leaves the benchmarks (which measure time) alone.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: resolve(root, 'test/config/eslint.config.js') });

async function complaints(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-properties' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

// The clock reads are spelled in pieces so this file itself does not read, or seem to read, the wall clock.
const CLOCK = 'Date';
const READS = [
  `export const a = ${CLOCK}.now();`,
  `export const b = new ${CLOCK}();`,
  'export const c = Date();',
  'export const d = performance.now();',
  'export const e = process.hrtime.bigint();',
  "import { systemClock } from '../../shared/dates';\nexport const f = systemClock.today();",
];

describe('the lint rule against wall-clock reads in tests', () => {
  it.each(READS)('refuses %s in a test file, pointing to the fixed clock', async (code) => {
    for (const file of ['electron/sepa/sample.test.ts', 'test/e2e/sample.spec.ts', 'electron/demo-bank/test-helpers.ts']) {
      const found = await complaints(code, file);
      expect(found.length, file).toBeGreaterThan(0);
      expect(found[0]).toMatch(/fixedClock|testClock/);
    }
  });

  it('lets a test use a fixed clock and a given date, and a benchmark time itself', async () => {
    const fixed =
      "import { fixedClock } from '../../shared/dates';\nexport const now = fixedClock('2026-11-25T09:00:00Z').now();\nexport const d = new Date('2026-11-25');";
    expect(await complaints(fixed, 'electron/sepa/sample.test.ts')).toEqual([]);
    expect(await complaints('export const t = performance.now();', 'test/bench/workloads/sample.ts')).toEqual([]);
  });
});
