/**
 * Locked-down app: malformed input is refused at the API's one door
 * (`dispatch`) for EVERY call in shared/api.ts — wrong types, arrays instead
 * of objects, huge strings, `__proto__` / `constructor` keys, unknown keys
 * where the schema is strict — with `input.invalid`, before any work: no row
 * of any table changes, and no prototype is polluted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api, type ApiName } from '../../../shared/api';
import { dispatch } from '../../../electron/services/dispatch';
import { ok, tempContext } from '../../integration/helpers';

let ctx: ReturnType<typeof tempContext>;

beforeAll(async () => {
  ctx = tempContext();
  const entity = await ok(ctx, 'entities.create', { name: 'Muster GmbH', creditorId: 'DE98ZZZ09999999999', country: 'DE' });
  await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Hausbank', iban: 'DE89370400440532013000' });
  const customer = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller' });
  await ok(ctx, 'entries.create', { entityId: entity.id, accountId: customer.id, type: 'Debit', number: 'R-1', statementDate: '2026-11-01', amountCents: 100 });
});
afterAll(() => ctx.cleanup());

function tableCounts(): Record<string, number> {
  const tables = (
    ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  ).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, (ctx.db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

type Def = {
  type?: string;
  shape?: Record<string, z.ZodType>;
  catchall?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
  schema?: { _zod: { def: Def } };
};
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** The object schema under optional/default/pipe wrappers, if any. */
function objectDef(schema: unknown): Def | undefined {
  let d = defOf(schema);
  for (let i = 0; i < 10; i++) {
    if (d.type === 'object') return d;
    const next = d.innerType ?? d.in ?? d.schema;
    if (!next) return undefined;
    d = next._zod.def;
  }
  return undefined;
}

const HUGE = 'x'.repeat(4 * 1024 * 1024);

/** Garbage for one call's input, each with a label. */
function garbageFor(name: ApiName): Array<[string, unknown]> {
  const cases: Array<[string, unknown]> = [
    ['a number', 42],
    ['a string', 'app.status'],
    ['a boolean', true],
    ['an array', []],
    ['an array of objects', [{ id: 1 }]],
    ['a huge string', HUGE],
    ['NaN-ish', 'NaN'],
  ];
  const d = objectDef(api[name].input);
  if (d?.shape) {
    const keys = Object.keys(d.shape);
    const strict = d.catchall !== undefined && d.catchall._zod.def.type === 'never';
    if (keys.length > 0) {
      cases.push(['every field a nested array', Object.fromEntries(keys.map((k) => [k, [[['x']]]]))]);
      cases.push(['every field a huge string', Object.fromEntries(keys.map((k) => [k, HUGE]))]);
      cases.push(['every field an object with __proto__', Object.fromEntries(keys.map((k) => [k, JSON.parse('{"__proto__": {"polluted": true}}')]))]);
      cases.push(['every field a negative fraction', Object.fromEntries(keys.map((k) => [k, -1.5]))]);
    }
    if (strict) {
      cases.push(['__proto__ key', JSON.parse('{"__proto__": {"polluted": true}}')]);
      cases.push(['constructor.prototype key', { constructor: { prototype: { polluted: true } } }]);
      cases.push(['an unknown key', { unknownKey: 1 }]);
    }
  }
  return cases;
}

describe('malformed API input', () => {
  const names = Object.keys(api) as ApiName[];

  it(`is refused for every one of the ${Object.keys(api).length} calls, and nothing is written`, async () => {
    const before = tableCounts();
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const accepted: string[] = [];
    let refused = 0;
    for (const name of names) {
      for (const [label, input] of garbageFor(name)) {
        const result = await dispatch(ctx, name, input);
        if (result.ok || result.error.code !== 'input.invalid') {
          accepted.push(`${name} with ${label}: ${result.ok ? 'accepted' : result.error.code}`);
        } else {
          refused++;
          // The refusal names what was wrong without echoing megabytes back.
          expect(result.error.message.length).toBeLessThan(20_000);
        }
      }
    }
    console.log(`[lockdown] malformed input: ${refused} garbage inputs over ${names.length} calls refused with input.invalid`);
    expect(accepted).toEqual([]);
    expect(tableCounts()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses unknown call names, including prototype names, without touching anything', async () => {
    const before = tableCounts();
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'keys.exportPrivate',
      '',
      'app.status\u0000',
      'APP.STATUS',
      'x'.repeat(100_000),
    ]) {
      const result = await dispatch(ctx, name, {});
      expect(result, name.slice(0, 40)).toMatchObject({ ok: false, error: { code: 'api.unknownCall' } });
      if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
    }
    expect(tableCounts()).toEqual(before);
  });
});
