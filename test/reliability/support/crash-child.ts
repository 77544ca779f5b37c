/**
 * A Kontor process doing one piece of work (statement import, order
 * building, accepting sure matches) on a data folder, killed by the test at
 * a random moment. Env: DATA_DIR, TEMPLATE_DIR, WORK.
 */
import { doWork, openKontor, type Work } from './crash-work';

const env = process.env;
const ctx = openKontor(env.DATA_DIR!);
process.stdout.write('start\n');
const t0 = performance.now();
const result = await doWork(ctx, env.WORK as Work, env.TEMPLATE_DIR!);
process.stdout.write(`done ${JSON.stringify({ ms: Math.round(performance.now() - t0), result })}\n`);
ctx.close();
