import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, toInstantIso, type Clock } from '../../shared/dates';
import { createContext, osAccount, type ContextOptions, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { memorySecretStore } from '../../electron/vault/keychain';
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api';
import { freshTeamLedger, onTeamLedger, sessionAs } from '../support/pg-ledger';

/**
 * Under `npm run test:team` every context is on a fresh PostgreSQL team
 * ledger, and switching who acts switches the connection's session user, as
 * a second person's own login would.
 */
function teamOptions(identity: () => string): { databaseUrl?: string; onActAs(ctx: ServiceContext): void } {
  if (!onTeamLedger) return { onActAs: () => undefined };
  return { databaseUrl: freshTeamLedger(), onActAs: (ctx) => sessionAs(ctx.db, identity()) };
}

/**
 * A real ledger file in a fresh folder, a fixed clock and an in-memory
 * keychain. It acts as this computer's OS account until `actAs` names
 * another person, as a second workstation's host would.
 */
export function tempContext(clock: Clock = fixedClock('2026-11-21T09:00:00Z')): ServiceContext & { cleanup(): void; actAs(identity: string): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'kontor-it-'));
  let identity = osAccount();
  const team = teamOptions(() => identity);
  const ctx = createContext({ dataDir, host: 'cli', clock, secretStore: memorySecretStore(), identity: () => identity, ...team });
  team.onActAs(ctx);
  return Object.assign(ctx, {
    actAs(next: string) {
      identity = next;
      team.onActAs(ctx);
    },
    cleanup() {
      ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A context whose acting person a test switches, as a second workstation's host would name another login. */
export function actingContext(o: ContextOptions): ServiceContext & { actAs(identity: string): void } {
  let identity = typeof o.identity === 'string' ? o.identity : osAccount();
  const team = teamOptions(() => identity);
  const ctx = createContext({ ...team, ...o, identity: () => identity });
  team.onActAs(ctx);
  return Object.assign(ctx, {
    actAs(next: string) {
      identity = next;
      team.onActAs(ctx);
    },
  });
}

/** Calls the API like a host does and unwraps the value, failing loudly on an error. */
export async function ok<N extends ApiName>(ctx: ServiceContext, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const result = await dispatch(ctx, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as ApiOutput<N>;
}

/** A clock the test moves forward; Kontor and the demo bank share it, as real clocks agree. */
export function movableClock(start: string): Clock & { advanceDays(n: number): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    today: () => toInstantIso(new Date(t)).slice(0, 10),
    advanceDays(n) {
      t += n * 86_400_000;
    },
  };
}

/**
 * Four eyes in tests: `fn` runs as a second person, who holds `roles` (granted
 * by whoever acts now, the administrator of a new ledger), then the first
 * person acts again. Who acts is never a setting, so the test switches the
 * identity the host names, as a second workstation would.
 */
export async function asSecondPerson<T>(
  ctx: ServiceContext & { actAs(identity: string): void },
  fn: () => Promise<T>,
  roles: ReadonlyArray<ApiInput<'users.grant'>['role']> = ['approver'],
): Promise<T> {
  const first = ctx.actor();
  const second = 'zweite.person';
  for (const role of roles) await ok(ctx, 'users.grant', { user: second, role });
  ctx.actAs(second);
  try {
    return await fn();
  } finally {
    ctx.actAs(first);
  }
}

/** Four eyes: a second person (holding the approver role) approves the order, then the first person acts again. */
export async function approveAsSecondPerson(ctx: ServiceContext & { actAs(identity: string): void }, id: number): Promise<ApiOutput<'orders.approve'>> {
  return asSecondPerson(ctx, () => ok(ctx, 'orders.approve', { id }));
}
