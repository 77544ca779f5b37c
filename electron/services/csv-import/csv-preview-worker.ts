/**
 * The worker thread of the CSV previews (started by off-thread.ts): reads a
 * file, sniffs, maps and checks every row away from the thread that serves
 * the window. Each job opens the ledger read-only for its lookups (known
 * customers, entry numbers, profiles, files imported before) and closes it.
 *
 * Built as its own entry point: `csv-preview-worker.js` beside the bundle of
 * the browser host (electron/host/build-host.mjs) and of Electron's main
 * process (electron.vite.config.ts); from source it runs through tsx.
 */
import { parentPort } from 'node:worker_threads';
import { isKontorError } from '../../../shared/errors';
import { openLedger } from '../../ledger/database';
import { runPreview, type WorkerReply, type WorkerRequest } from './off-thread';

function run(request: WorkerRequest): WorkerReply {
  const db = openLedger(request.databaseFile, { readonly: true, ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}) });
  try {
    return { id: request.id, ok: true, value: runPreview({ db }, request.job) };
  } finally {
    db.close();
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = run(request);
  } catch (e) {
    reply = isKontorError(e)
      ? { id: request.id, ok: false, error: { code: e.code, message: e.message, ...(e.params ? { params: e.params } : {}) } }
      : { id: request.id, ok: false, internal: (e as Error)?.message ?? String(e) };
  }
  parentPort?.postMessage(reply);
});
