import { resolve } from 'node:path';
import { isKontorError } from '../../shared/errors';
import { createContext, identityFromEnvironment } from '../services/context';
import { defaultDataDir } from '../services/data-dir';
import { startEmbeddedDemoBank } from '../services/demo-bank/embedded';
import { parseArgs, stringOption } from './args';
import { startBrowserHost } from './browser-host';
import { confirmationCodes } from './confirmation-codes';
import { clockFromEnvironment } from './clock-env';
import { startDailyFetch } from '../services/statements/schedule';
import { startOrderFollowing } from '../services/orders/follow';
import { startLedgerChanges } from '../services/ledger-changes';

/**
 * `npm start` without the Electron binary, and the end-to-end tests: the same
 * services and renderer, served to a local browser.
 */
const args = parseArgs(process.argv.slice(2));
const dataDir = resolve(stringOption(args, 'data-dir') ?? defaultDataDir());
const port = Number(stringOption(args, 'port') ?? 0);
const rendererDir = resolve(import.meta.dirname, '../../out/renderer');

try {
  const ctx = createContext({ dataDir, host: 'browser', clock: clockFromEnvironment(), identity: identityFromEnvironment() });
  ctx.demoBank = await startEmbeddedDemoBank(ctx);
  // Key export and the like are confirmed with a one-time code shown here, on this terminal only.
  ctx.confirm = confirmationCodes({ clock: ctx.clock, print: (text) => process.stdout.write(`${text}\n`) });
  const host = await startBrowserHost({ ctx, rendererDir, port, ...(process.env.KONTOR_HOST_TOKEN ? { token: process.env.KONTOR_HOST_TOKEN } : {}) });
  startDailyFetch(ctx, { onError: (e) => process.stderr.write(`Daily statement fetch failed: ${(e as Error).message}\n`) });
  startOrderFollowing(ctx, { onError: (e) => process.stderr.write(`Following orders at the bank failed: ${(e as Error).message}\n`) });
  // On a team ledger, what other workstations commit reaches the open pages as events.
  const changes = startLedgerChanges(ctx, { onError: (e) => process.stderr.write(`Listening for the team's changes: ${e.message}\n`) });
  process.stdout.write(
    `Kontor is running in browser mode. Data folder: ${dataDir}\nOpen this address in your browser (it works only on this computer):\n\n  ${host.url}\n\n${ctx.demoBank ? `Demo bank (EBICS, host ID ${ctx.demoBank.hostId}) at ${ctx.demoBank.url}\n` : ''}Press Ctrl+C to stop.\n`,
  );
  const stop = () => {
    void host.close().then(async () => {
      await changes?.stop();
      await ctx.demoBank?.close();
      ctx.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  process.stderr.write(`Kontor could not start: ${isKontorError(e) ? e.message : (e as Error).message}\n`);
  process.exit(1);
}
