/**
 * A Kontor process that uploads one approved order through the order queue
 * (the real upload path) and is killed by the test at a random moment.
 * Env: DATA_DIR, SECRETS_FILE, ORDER_ID, NOW (the parent's clock, which
 * stands still while this process lives: the harness moves time only once
 * nothing is in flight), and KONTOR_EBICS_SEGMENT_SIZE for small segments.
 */
import { createContext } from '../../../electron/services/context';
import { upload } from '../../../electron/services/orders/queue';
import { fixedClock } from '../../../shared/dates';
import { fileSecretStore } from './file-secrets';

const env = process.env;
const ctx = createContext({ dataDir: env.DATA_DIR!, host: 'cli', clock: fixedClock(env.NOW!), secretStore: fileSecretStore(env.SECRETS_FILE!) });
process.stdout.write('start\n');
let outcome: Record<string, unknown>;
try {
  const row = await upload(ctx, Number(env.ORDER_ID));
  outcome = { status: row.status };
} catch (e) {
  outcome = { error: (e as { code?: string }).code ?? String(e) };
}
process.stdout.write(`done ${JSON.stringify(outcome)}\n`);
ctx.close();
