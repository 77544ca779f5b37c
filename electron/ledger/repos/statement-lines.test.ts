import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateCamt053, generateMt940 } from '../../../test/bench/inputs/statements';
import { tempContext } from '../../../test/integration/helpers';
import { storeStatementFile } from '../../services/statements/store-file';
import { pageLines } from './statement-lines';

const page = (offset: number) => ({ offset, limit: 50, sort: 'bookingDate' as const, descending: false, matched: 'all' as const, direction: 'all' as const });

describe('a page of statement lines', () => {
  it('keeps the count and sum while only the page moves, and takes them anew after any write, from this connection or another', () => {
    const ctx = tempContext();
    try {
      storeStatementFile(ctx, { fileName: 'a.sta', bytes: generateMt940(300, 1, 100) });
      const first = pageLines(ctx.db, page(0));
      expect(first.total).toBe(300);
      expect(pageLines(ctx.db, page(250))).toMatchObject({ total: 300, sumCents: first.sumCents });
      expect(pageLines(ctx.db, page(250)).rows).toHaveLength(50);

      expect(storeStatementFile(ctx, { fileName: 'b.xml', bytes: generateCamt053(200, 2) }).stored).toHaveLength(1);
      expect(pageLines(ctx.db, page(0)).total).toBe(500);

      const sum = pageLines(ctx.db, page(0)).sumCents;
      const other = new Database(ctx.databaseFile);
      try {
        other.prepare('UPDATE statement_line SET amount_cents = amount_cents + 1 WHERE id = 1').run();
      } finally {
        other.close();
      }
      expect(pageLines(ctx.db, page(100)).sumCents).toBe(sum + 1);
    } finally {
      ctx.cleanup();
    }
  });
});
