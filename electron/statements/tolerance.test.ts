/**
 * The tolerance table is the one place that decides what the parsers read,
 * warn about or refuse; docs/statements.md states it for people. Both must
 * say the same, and every warning must be one the UI can translate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATEMENT_WARNINGS } from '../../shared/statements';
import { TOLERANCE } from './tolerance';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'statements.md'), 'utf8');

describe('tolerance rule', () => {
  it('docs/statements.md lists every deviation with the action the code takes', () => {
    for (const [name, rule] of Object.entries(TOLERANCE)) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      expect(row).toContain(`| ${rule.action} |`);
    }
  });

  it('warns only with codes the UI translates, and refuses only with statement error codes', () => {
    for (const rule of Object.values(TOLERANCE)) {
      if (rule.action === 'warn') expect(STATEMENT_WARNINGS).toContain(rule.warning);
      if (rule.action === 'refuse') expect(rule.error).toMatch(/^statement\./);
    }
  });
});
