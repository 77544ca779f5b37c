/**
 * CSV previews (`entries.importPreview`, `bankCsv.preview`) off the thread
 * that serves the window: in Electron and the browser host the main thread
 * answers every click, and a 15 MB file takes it a second or two to read.
 * One worker thread (csv-preview-worker.ts) runs the same preview functions
 * the CLI and the tests call directly; the CLI has no window to keep
 * responsive and runs them in its own thread.
 *
 * The worker is started on the first preview and kept; it holds the event
 * loop only while a preview is running. A worker that dies fails the
 * previews it was running and is started again for the next one. Its heap
 * is capped, so a hostile file costs a failed preview, not the app.
 */
import { isTeamLedger } from '../../ledger/pg/database';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import type { BankCsvPreview, BankCsvPreviewInput } from '../../../shared/bank-csv';
import type { ImportPreview, ImportPreviewInput } from '../../../shared/entry-import';
import type { PartyImportPreview, PartyPreviewInput } from '../../../shared/parties';
import { KontorError, type ErrorParams } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { bankCsvPreview } from '../statements/bank-csv/service';
import { importPreview } from '../entries-import/service';
import { partiesPreview } from '../parties/service';

export type PreviewJob =
  | { kind: 'entries'; input: z.output<typeof ImportPreviewInput> }
  | { kind: 'bankCsv'; input: z.output<typeof BankCsvPreviewInput> }
  | { kind: 'parties'; input: z.output<typeof PartyPreviewInput> };
type PreviewOf<J extends PreviewJob> = J extends { kind: 'entries' } ? ImportPreview : J extends { kind: 'parties' } ? PartyImportPreview : BankCsvPreview;
type AnyPreview = ImportPreview | BankCsvPreview | PartyImportPreview;

export interface WorkerRequest {
  id: number;
  databaseFile: string;
  nativeBinding?: string;
  job: PreviewJob;
}

export type WorkerReply =
  | { id: number; ok: true; value: AnyPreview }
  | { id: number; ok: false; error: { code: string; message: string; params?: ErrorParams } }
  | { id: number; ok: false; internal: string };

/**
 * The worker's heap: a young generation sized for a preview's many
 * short-lived row objects (about 15 % less time for a 15 MB file than V8's
 * default), and an old generation capped so a hostile file fails its
 * preview instead of taking the app's memory.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96, maxOldGenerationSizeMb: 1536 };

/**
 * How to start the worker: the built file beside this bundle (or beside its
 * chunk folder), else, running from source (tsx, vitest), a bootstrap that
 * registers tsx in the new thread and imports the TypeScript entry.
 */
export function workerScript(): { script: URL | string; eval: boolean } {
  for (const candidate of ['./csv-preview-worker.js', '../csv-preview-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { script: url, eval: false };
  }
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./csv-preview-worker.ts', import.meta.url).href;
  return { script: `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}

interface Pending {
  resolve(value: AnyPreview): void;
  reject(e: Error): void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(e: Error): void {
  for (const p of pending.values()) p.reject(e);
  pending.clear();
}

function started(): Worker {
  if (worker) return worker;
  const { script, eval: isCode } = workerScript();
  const w = new Worker(script, { eval: isCode, resourceLimits: RESOURCE_LIMITS });
  w.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if (reply.ok) p.resolve(reply.value);
    else if ('error' in reply) p.reject(new KontorError(reply.error.code, reply.error.message, reply.error.params ?? {}));
    else p.reject(new Error(reply.internal));
  });
  w.on('error', (e) => {
    if (worker === w) worker = null;
    failAll(e);
  });
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll(new Error('The CSV preview worker stopped.'));
  });
  w.unref();
  worker = w;
  return w;
}

/** The thread id of the running worker, 0 when none runs (tests check that previews leave the main thread). */
export function previewWorkerThreadId(): number {
  return worker?.threadId ?? 0;
}

/** Stops the worker (a running preview fails); the next preview starts a new one. */
export async function stopPreviewWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}

/** The preview in the worker thread. */
export function previewInWorker<J extends PreviewJob>(ctx: Pick<ServiceContext, 'databaseFile'>, job: J): Promise<PreviewOf<J>> {
  const w = started();
  const id = nextId++;
  const request: WorkerRequest = {
    id,
    databaseFile: ctx.databaseFile,
    job,
    ...(process.env.KONTOR_SQLITE_BINDING ? { nativeBinding: process.env.KONTOR_SQLITE_BINDING } : {}),
  };
  return new Promise<PreviewOf<J>>((resolve, reject) => {
    pending.set(id, { resolve: resolve as Pending['resolve'], reject });
    w.ref();
    w.postMessage(request);
  });
}

/**
 * The preview where it belongs for this host: off the window's thread in Electron and the browser host, inline in the CLI
 * and on a team ledger (the worker opens the ledger file; a team ledger has none — its reads wait on the server anyway).
 */
export async function preview<J extends PreviewJob>(ctx: ServiceContext, job: J): Promise<PreviewOf<J>> {
  if (ctx.host !== 'cli' && !isTeamLedger(ctx.db)) return previewInWorker(ctx, job);
  return runPreview(ctx, job) as PreviewOf<J>;
}

/** The preview a job asks for, on the calling thread (the worker's, or the CLI's). */
export function runPreview(ctx: Pick<ServiceContext, 'db'>, job: PreviewJob): AnyPreview {
  switch (job.kind) {
    case 'entries':
      return importPreview(ctx, job.input);
    case 'parties':
      return partiesPreview(ctx, job.input);
    default:
      return bankCsvPreview(ctx, job.input);
  }
}
