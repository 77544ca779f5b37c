/**
 * Every call's handler, joined from the domains' handler files: the table
 * dispatch.ts looks names up in. Its type demands exactly the calls of
 * shared/api.ts, so a call without a handler (or a handler without a call)
 * breaks the build.
 */
import type { ApiName } from '../../shared/api';
import { accountHandlers } from './accounts/handlers';
import { appHandlers } from './app/handlers';
import { bankAccessHandlers } from './bank-access/handlers';
import { demoBankHandlers } from './demo-bank/handlers';
import { entityHandlers } from './entities/handlers';
import { entryHandlers } from './entries/handlers';
import type { Handler } from './handler';
import { orderHandlers } from './orders/handlers';
import { peopleHandlers } from './people/handlers';
import { partyHandlers } from './parties/handlers';
import { reconcileHandlers } from './reconcile/handlers';
import { settingsHandlers } from './settings/handlers';
import { bankCsvHandlers, statementHandlers } from './statements/handlers';
import { veuHandlers } from './veu/handlers';
import { vopHandlers } from './vop/handlers';

export type Handlers = { [N in ApiName]: Handler<N> };

export const handlers: Handlers = {
  ...appHandlers,
  ...settingsHandlers,
  ...entityHandlers,
  ...accountHandlers,
  ...partyHandlers,
  ...entryHandlers,
  ...orderHandlers,
  ...statementHandlers,
  ...bankCsvHandlers,
  ...reconcileHandlers,
  ...demoBankHandlers,
  ...bankAccessHandlers,
  ...peopleHandlers,
  ...veuHandlers,
  ...vopHandlers,
};
