import { formatAmount, parseAmount } from '../../../shared/money';
import { maxRssMb, seeded, timed, type Workload } from '../figure';

/** Parsing decimal amount text into cents, as every CSV and statement import does. */
export const amountParsing: Workload = {
  name: 'amounts.parse',
  async run() {
    const n = 1_000_000;
    const random = seeded(42);
    const cents: number[] = [];
    const texts: string[] = [];
    for (let i = 0; i < n; i++) {
      const c = Math.floor(random() * 100_000_000) - 50_000_000;
      cents.push(c);
      texts.push(formatAmount(c, i % 2 ? 'de' : 'en'));
    }
    const { value: sum, ms } = await timed(() => {
      let s = 0;
      for (const t of texts) s += parseAmount(t);
      return s;
    });
    const expected = cents.reduce((a, b) => a + b, 0);
    if (sum !== expected) throw new Error(`amounts.parse: sum ${sum} != ${expected}`);
    return [{ workload: 'amounts.parse', tool: 'kontor', n, ms, max_rss_mb: maxRssMb(), check: `sum of cents ${sum} matches` }];
  },
};
