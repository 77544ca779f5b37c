import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, toInstantIso, type Clock } from '../../shared/dates';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { memorySecretStore } from '../../electron/vault/keychain';
import type { ApiInput, ApiName, ApiOutput } from '../../shared/api';

/** A real ledger file in a fresh folder, a fixed clock and an in-memory keychain. */
export function tempContext(clock: Clock = fixedClock('2026-11-21T09:00:00Z')): ServiceContext & { cleanup(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'kontor-it-'));
  const ctx = createContext({ dataDir, host: 'cli', clock, secretStore: memorySecretStore() });
  return Object.assign(ctx, {
    cleanup() {
      ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
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

/** Four eyes: a second person approves the order (the name the ledger acts under changes for the call, then back). */
export async function approveAsSecondPerson(ctx: ServiceContext, id: number): Promise<ApiOutput<'orders.approve'>> {
  const before = (await ok(ctx, 'settings.get', {})).userName;
  await ok(ctx, 'settings.update', { userName: 'Zweite Person (Freigabe)' });
  try {
    return await ok(ctx, 'orders.approve', { id });
  } finally {
    await ok(ctx, 'settings.update', { userName: before });
  }
}
