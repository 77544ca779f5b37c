/**
 * The guard of issue 16: no production function longer than 150 lines, every
 * line counted (blank lines and comments too); tests and test helpers are
 * left alone.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: resolve(root, 'test/config/eslint.config.js') });

async function tooLong(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'max-lines-per-function').map((m) => m.message);
}

/** A function of exactly `lines` lines, its body `kind` lines (statements, blank lines or comments). */
function fn(lines: number, kind: 'code' | 'blank' | 'comment'): string {
  const body = Array.from({ length: lines - 4 }, (_, i) => (kind === 'code' ? `  sum += ${i};` : kind === 'blank' ? '' : `  // ${i}`));
  return ['export function long(): number {', '  let sum = 0;', ...body, '  return sum;', '}'].join('\n');
}

describe('the lint rule against long production functions', () => {
  it.each(['electron/reconcile/match/sample.ts', 'shared/sample.ts', 'renderer/src/features/sample.tsx'])(
    'refuses 151 lines in %s and accepts 150',
    async (file) => {
      expect(await tooLong(fn(151, 'code'), file)).toHaveLength(1);
      expect(await tooLong(fn(150, 'code'), file)).toEqual([]);
    },
  );

  it('counts blank lines and comments as lines', async () => {
    expect(await tooLong(fn(151, 'blank'), 'electron/sepa/sample.ts')).toHaveLength(1);
    expect(await tooLong(fn(151, 'comment'), 'electron/sepa/sample.ts')).toHaveLength(1);
  });

  it('counts a React component like any function', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `      <p>${i}</p>`).join('\n');
    const component = `export function Big() {\n  return (\n    <div>\n${rows}\n    </div>\n  );\n}\n`;
    expect(await tooLong(component, 'renderer/src/features/Big.tsx')).toHaveLength(1);
  });

  it('leaves tests and test helpers alone', async () => {
    for (const file of ['electron/sepa/sample.test.ts', 'renderer/src/features/sample.test.tsx', 'electron/statements/test-files.ts']) {
      expect(await tooLong(fn(400, 'code'), file), file).toEqual([]);
    }
  });
});
