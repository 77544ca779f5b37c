#!/usr/bin/env node
// The `kontor` command. It runs from a bundle (made by npm install and
// npm run build, see build-host.mjs) instead of compiling the TypeScript
// sources on every call; when a source changed since, it builds the bundle
// again first (about half a second), so the command always runs what is in
// the tree. Only without esbuild does it fall back to running the sources
// through tsx, which takes seconds per call.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshCliBundle } from './cli-bundle.mjs';

const root = resolve(import.meta.dirname, '../..');

/** The bundle's entry file, built first when missing or stale; null when esbuild is not installed. */
async function bundle() {
  const fresh = freshCliBundle(root);
  if (fresh) return fresh;
  let buildCli;
  try {
    ({ buildCli } = await import('./build-host.mjs'));
  } catch (e) {
    if (e?.code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
  try {
    return await buildCli();
  } catch {
    // esbuild has printed what is wrong in which source.
    process.stderr.write('The kontor command could not be built from the sources (see above).\n');
    process.exit(1);
  }
}

const entry = await bundle();
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('The kontor command is not built and neither esbuild nor tsx is installed: run `npm install` in the Kontor folder.\n');
    process.exit(1);
  }
  register();
  await import('./cli-main.ts');
}
