/**
 * CSV previews (issue 15, item 5): what a user waits for after dropping a
 * file, and that the thread serving the window keeps answering meanwhile.
 * Each case runs in a process of its own (this file with `--case`), with a
 * browser-host context, so the preview goes through `dispatch` to the worker
 * thread as in the app; the worker is started (and warmed) by a small file
 * first, so the figure is the preview, not the thread's start.
 * - entries-15mb: a German ERP open-items export of 15 MB (12 columns,
 *   metadata lines above the header, a totals line below, one row in 500
 *   with an impossible date);
 * - bank-15mb: a Sparkasse CSV-CAMT export of 15 MB (17 columns, quoted);
 * - entries-oneline / bank-oneline: the attack review's file, one line of
 *   1.6 MB (400,000 cells): refused, as no export has that many columns.
 * Checks: rows, good and failed rows and (bank) the sum of the amounts equal
 * what the generator wrote; the refusals' code; the main thread's longest
 * stall while the worker previewed (event-loop delay).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fixedClock } from '../../../shared/dates';
import { createContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { stopPreviewWorker } from '../../../electron/services/csv-import/off-thread';
import { memorySecretStore } from '../../../electron/vault/keychain';
import { maxRssMb, seeded, type Figure, type Workload } from '../figure';

const MB = 1024 * 1024;
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const CUSTOMERS = 500;
const OUR_IBAN = 'DE89370400440532013000';

interface Expected {
  rows: number;
  ok: number;
  sumCents?: number;
  refused?: string;
}

interface Input {
  kind: 'entries' | 'bankCsv';
  bytes: Buffer;
  expected: Expected;
}

const cents = (c: number, decimal: string) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}${decimal}${String(Math.abs(c) % 100).padStart(2, '0')}`;
const day = (d: number) => `${String(1 + (d % 28)).padStart(2, '0')}.${String(1 + (d % 12)).padStart(2, '0')}.2026`;

/** Open items as a German ERP exports them, Windows-1252 like Excel's "CSV (Trennzeichen-getrennt)". */
function entries15(): Input {
  const rand = seeded(15);
  const lines = [
    'Offene Posten Debitoren;;;;;;;;;;;',
    'Stichtag: 21.11.2026;;;;;;;;;;;',
    'Belegnummer;Belegdatum;Fällig am;Kunde;Name;Betrag;Währung;Art;Mandat;Verwendungszweck;Kostenstelle;Zahlungsbedingung',
  ];
  let size = 0;
  let rows = 0;
  let bad = 0;
  while (size < 15 * MB) {
    const k = Math.floor(rand() * CUSTOMERS);
    const broken = rows % 500 === 499;
    if (broken) bad++;
    const line = [
      `RE-2026-${String(rows).padStart(7, '0')}`,
      broken ? '31.02.2026' : day(rows),
      '31.12.2026',
      `K-${k}`,
      `Kunde ${k} Müller & Söhne GmbH`,
      cents(100 + Math.floor(rand() * 5_000_000), ','),
      'EUR',
      'Rechnung',
      '',
      `Rechnung ${rows} vom ${day(rows)} „Projekt ${k}“`,
      `KST-${k % 40}`,
      '14 Tage netto',
    ].join(';');
    lines.push(line);
    size += line.length + 2;
    rows++;
  }
  lines.push(`Summe;;;;;999.999,99;;;;;;`);
  const text = lines.join('\r\n');
  const bytes = Buffer.from(text, 'latin1');
  // Windows-1252: „ and “ are 0x84 and 0x93.
  for (let i = 0; i < text.length; i++)
    if (text[i] === '„') bytes[i] = 0x84;
    else if (text[i] === '“') bytes[i] = 0x93;
  return { kind: 'entries', bytes, expected: { rows, ok: rows - bad } };
}

/** A Sparkasse CSV-CAMT export, UTF-8 with BOM, every cell quoted. */
function bank15(): Input {
  const rand = seeded(16);
  const header = [
    'Auftragskonto',
    'Buchungstag',
    'Valutadatum',
    'Buchungstext',
    'Verwendungszweck',
    'Glaeubiger ID',
    'Mandatsreferenz',
    'Kundenreferenz (End-to-End)',
    'Sammlerreferenz',
    'Lastschrift Ursprungsbetrag',
    'Auslagenersatz Ruecklastschrift',
    'Beguenstigter/Zahlungspflichtiger',
    'Kontonummer/IBAN',
    'BIC (SWIFT-Code)',
    'Betrag',
    'Waehrung',
    'Info',
  ];
  const q = (cells: string[]) => cells.map((c) => `"${c}"`).join(';');
  const lines = [q(header)];
  let size = 0;
  let rows = 0;
  let sum = 0;
  while (size < 15 * MB) {
    const amount = Math.floor(rand() * 2_000_000) - 600_000 || 1;
    sum += amount;
    const d = `${String(1 + (rows % 28)).padStart(2, '0')}.11.26`;
    const line = q([
      OUR_IBAN,
      d,
      d,
      amount > 0 ? 'GUTSCHR. UEBERWEISUNG' : 'FOLGELASTSCHRIFT',
      `RE-2026-${rows} Danke fuer Ihren Auftrag`,
      amount > 0 ? '' : 'DE98ZZZ09999999999',
      amount > 0 ? '' : `M-${rows % 900}`,
      `E2E-${rows}`,
      '',
      '',
      '',
      `Kunde ${rows % 700} GmbH`,
      'DE02120300000000202051',
      'BYLADEM1001',
      cents(amount, ','),
      'EUR',
      'Umsatz gebucht',
    ]);
    lines.push(line);
    size += line.length + 2;
    rows++;
  }
  return {
    kind: 'bankCsv',
    bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]),
    expected: { rows, ok: rows, sumCents: sum },
  };
}

/** One line of 1.6 MB: 400,000 cells of `xyz`. */
function oneLine(kind: Input['kind']): Input {
  return { kind, bytes: Buffer.from('xyz;'.repeat(400_000)), expected: { rows: 0, ok: 0, refused: 'import.tooManyColumns' } };
}

export const CASES = {
  'entries-15mb': entries15,
  'entries-oneline-1.6mb': () => oneLine('entries'),
  'bank-15mb': bank15,
  'bank-oneline-1.6mb': () => oneLine('bankCsv'),
} as const;
type CaseName = keyof typeof CASES;

interface CaseResult {
  ms: number;
  max_rss_mb: number;
  /** Longest time the main thread did not get to run while the worker previewed. */
  maxStallMs: number;
  rows: number;
  ok: number;
  sumCents: number | null;
  refused: string | null;
}

/** Child: a browser-host ledger with the customers, one warm-up preview, then the timed one. */
async function runCase(kind: Input['kind'], file: string): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-csv-'));
  const ctx = createContext({ dataDir: dir, host: 'browser', clock: fixedClock('2026-11-21T09:00:00Z'), secretStore: memorySecretStore() });
  try {
    const entity = await dispatch(ctx, 'entities.create', { name: 'Muster GmbH' });
    if (!entity.ok) throw new Error(entity.error.message);
    const entityId = (entity.value as { id: number }).id;
    for (let k = 0; k < CUSTOMERS; k++) await dispatch(ctx, 'accounts.create', { kind: 'customer', number: `K-${k}`, name: `Kunde ${k} Müller & Söhne GmbH` });
    const call = (bytes: Buffer) =>
      kind === 'entries'
        ? dispatch(ctx, 'entries.importPreview', { fileName: 'op.csv', base64: bytes.toString('base64'), entityId })
        : dispatch(ctx, 'bankCsv.preview', { fileName: 'umsaetze.csv', base64: bytes.toString('base64') });
    await call(Buffer.from('Nr;Datum;Kunde;Betrag\nR-1;01.02.2026;K-1;1,00\n'));

    const base64 = readFileSync(file).toString('base64');
    const stall = monitorEventLoopDelay({ resolution: 10 });
    stall.enable();
    const t0 = process.hrtime.bigint();
    const result =
      kind === 'entries'
        ? await dispatch(ctx, 'entries.importPreview', { fileName: 'op.csv', base64, entityId })
        : await dispatch(ctx, 'bankCsv.preview', { fileName: 'umsaetze.csv', base64 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    stall.disable();
    const totals = result.ok ? (result.value as { totals: { rows: number; ok: number; sumCents?: number } }).totals : null;
    return {
      ms,
      max_rss_mb: maxRssMb(),
      maxStallMs: Math.round(stall.max / 1e5) / 10,
      rows: totals?.rows ?? 0,
      ok: totals?.ok ?? 0,
      sumCents: totals?.sumCents ?? null,
      refused: result.ok ? null : result.error.code,
    };
  } finally {
    await stopPreviewWorker();
    ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function check(name: CaseName, r: CaseResult, e: Expected, bytes: number): string {
  const problems: string[] = [];
  if (e.refused !== undefined) {
    if (r.refused !== e.refused) problems.push(`expected refusal ${e.refused}, got ${r.refused ?? 'a preview'}`);
  } else {
    if (r.refused !== null) problems.push(`refused: ${r.refused}`);
    if (r.rows !== e.rows || r.ok !== e.ok) problems.push(`${r.rows} rows (${r.ok} good), expected ${e.rows} (${e.ok} good)`);
    if (e.sumCents !== undefined && r.sumCents !== e.sumCents) problems.push(`sum ${r.sumCents}, expected ${e.sumCents}`);
  }
  if (problems.length) throw new Error(`${name}: ${problems.join('; ')}`);
  const what = e.refused ? `refused (${e.refused})` : `${r.rows} rows, ${r.ok} good${e.sumCents !== undefined ? `, sum ${r.sumCents} cents` : ''} as generated`;
  return `${(bytes / MB).toFixed(1)} MB: ${what}; main thread's longest stall ${r.maxStallMs} ms`;
}

export const csvPreview: Workload = {
  name: 'csv.preview',
  run() {
    const figures: Figure[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-csvs-'));
    try {
      for (const name of Object.keys(CASES) as CaseName[]) {
        const input = CASES[name]();
        const file = join(dir, `${name}.csv`);
        writeFileSync(file, input.bytes);
        const child = spawnSync(process.execPath, [tsxCli, import.meta.filename, '--case', input.kind, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`);
        const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as CaseResult;
        figures.push({
          workload: 'csv.preview',
          tool: `kontor-${name}`,
          n: r.rows,
          ms: Math.round(r.ms * 100) / 100,
          max_rss_mb: r.max_rss_mb,
          check: check(name, r, input.expected, input.bytes.length),
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

if (process.argv[2] === '--case') {
  const result = await runCase(process.argv[3] as Input['kind'], process.argv[4]!);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
