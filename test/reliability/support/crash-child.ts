/**
 * A Kontor process doing one piece of work (statement import, order
 * building, accepting sure matches) on a data folder, killed by the test at
 * a random moment. Env: DATA_DIR, TEMPLATE_DIR, WORK.
 */
import { doWork, openKontor, type Work } from './crash-work';
import { stopwatch } from './wall';

const env = process.env;
const ctx = openKontor(env.DATA_DIR!);
process.stdout.write('start\n');
const elapsed = stopwatch();
const result = await doWork(ctx, env.WORK as Work, env.TEMPLATE_DIR!);
process.stdout.write(`done ${JSON.stringify({ ms: Math.round(elapsed.ms()), result })}\n`);
ctx.close();
