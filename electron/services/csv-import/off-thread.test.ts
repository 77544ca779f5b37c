import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/dates';
import { ImportPreviewInput, type ImportPreview } from '../../../shared/entry-import';
import { BankCsvPreviewInput, type BankCsvPreview } from '../../../shared/bank-csv';
import { ok } from '../../../test/integration/helpers';
import { createContext, type ServiceContext } from '../context';
import { dispatch } from '../dispatch';
import { bankCsvPreview } from '../statements/bank-csv/service';
import { memorySecretStore } from '../../vault/keychain';
import { base64, GERMAN, windows1252 } from '../../csv/test-files';
import { importPreview } from '../entries-import/service';
import { previewWorkerThreadId, stopPreviewWorker } from './off-thread';
import { SPARKASSE, utf8 } from '../../statements/bank-csv/test-files';

let dir: string;
let ctx: ServiceContext;
let entityId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-off-thread-'));
  // The browser host's context: previews go to the worker thread.
  ctx = createContext({ dataDir: dir, host: 'browser', clock: fixedClock('2026-11-21T09:00:00Z'), secretStore: memorySecretStore() });
  entityId = (await ok(ctx, 'entities.create', { name: 'Muster GmbH' })).id;
  await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1001', name: 'Müller & Söhne GmbH' });
});
afterAll(async () => {
  await stopPreviewWorker();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CSV previews off the main thread', () => {
  it('previews an entries file in the worker thread, with the same answer as in the thread itself', async () => {
    const input = { fileName: 'op.csv', base64: base64(windows1252(GERMAN)), entityId };
    const result = await dispatch(ctx, 'entries.importPreview', input);
    expect(previewWorkerThreadId()).toBeGreaterThan(0);
    expect(result).toEqual({ ok: true, value: importPreview(ctx, ImportPreviewInput.parse(input)) });
    expect(result.ok && (result.value as ImportPreview).totals.rows).toBe(3);
  });

  it('previews a bank CSV file in the worker thread, reading the ledger as it is now', async () => {
    const input = { fileName: 'umsaetze.csv', base64: base64(utf8(SPARKASSE, true)) };
    const result = await dispatch(ctx, 'bankCsv.preview', input);
    expect(result).toEqual({ ok: true, value: bankCsvPreview(ctx, BankCsvPreviewInput.parse(input)) });
    expect(result.ok && (result.value as BankCsvPreview).totals.ok).toBe(3);
  });

  it('passes a refusal back with its code, and keeps serving after it', async () => {
    const refused = await dispatch(ctx, 'entries.importPreview', { fileName: 'leer.csv', base64: base64(utf8('  \r\n')), entityId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'import.empty' } });
    const again = await dispatch(ctx, 'entries.importPreview', { fileName: 'op.csv', base64: base64(windows1252(GERMAN)), entityId });
    expect(again.ok).toBe(true);
  });

  it('starts a new worker when the last one was stopped', async () => {
    const before = previewWorkerThreadId();
    await stopPreviewWorker();
    expect(previewWorkerThreadId()).toBe(0);
    const result = await dispatch(ctx, 'entries.importPreview', { fileName: 'op.csv', base64: base64(windows1252(GERMAN)), entityId });
    expect(result.ok).toBe(true);
    expect(previewWorkerThreadId()).not.toBe(before);
  });
});
