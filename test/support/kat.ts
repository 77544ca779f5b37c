/**
 * Test helper: the known-answer vectors live beside the repository in
 * ../shared/kat (never copied in). A user's clone has no ../shared, so tests
 * that need them skip when the folder is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REFERENCE_DIR } from './reference';

export const KAT_DIR = resolve(REFERENCE_DIR, 'kat');
export const HAS_KAT = existsSync(KAT_DIR);
export const NO_KAT_MESSAGE = `known-answer vectors not found at ${KAT_DIR} (skipped)`;

export function katBuffer(path: string): Buffer {
  return readFileSync(resolve(KAT_DIR, path));
}

export function katText(path: string): string {
  return readFileSync(resolve(KAT_DIR, path), 'utf8');
}

export function katJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(katText(path)) as T;
}
