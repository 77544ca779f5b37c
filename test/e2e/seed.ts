import { expect } from '@playwright/test';
import type { KontorHost } from './kontor-host';

/** Creates what a screen needs through the API, as a script would; fails loudly if refused. */
export async function seed<T = { id: number }>(host: KontorHost, name: string, input: unknown): Promise<T> {
  const result = await host.invoke(name, input);
  expect(result, `${name} refused: ${JSON.stringify(result.error)}`).toMatchObject({ ok: true });
  return result.value as T;
}
