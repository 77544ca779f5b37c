// Where the `kontor` command's bundle is and whether it still matches the
// sources it was built from. Kept free of any package (no esbuild, no tsx):
// this runs on every CLI call.
//
// out/cli.json names the current build (out/cli-<id>/kontor.js, two levels
// below the repository like the sources, so paths built from
// import.meta.dirname hold) and records the size and modification time of
// every file esbuild read. The bundle is fresh while all of them are as
// recorded: a changed, replaced, restored-older or deleted source makes it
// stale. A new source file only matters once an existing one imports it, and
// that one then changed too.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const STAMP = 'out/cli.json';
const FORMAT = 1;

/** The bundle's entry file if it matches the sources, else null (missing, stale or unreadable stamp). */
export function freshCliBundle(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(resolve(root, STAMP), 'utf8'));
  } catch {
    return null;
  }
  if (stamp?.format !== FORMAT || typeof stamp.entry !== 'string' || typeof stamp.inputs !== 'object') return null;
  const entry = resolve(root, stamp.entry);
  if (!statSync(entry, { throwIfNoEntry: false })) return null;
  for (const [file, recorded] of Object.entries(stamp.inputs)) {
    const now = statSync(resolve(root, file), { throwIfNoEntry: false });
    if (!now || !Array.isArray(recorded) || now.mtimeMs !== recorded[0] || now.size !== recorded[1]) return null;
  }
  return entry;
}

/**
 * Records a finished build. A source whose time is at or after the build's
 * start (less a margin for file systems with coarse timestamps) may have
 * changed while esbuild read it: it is recorded as unknown, so the next call
 * builds again. Written to a temporary file and renamed: a concurrent call
 * reads the old stamp or the new one, never half of one.
 */
export function writeCliStamp(root, entry, inputs, startedAtMs) {
  const recorded = {};
  for (const file of inputs) {
    const s = statSync(resolve(root, file), { throwIfNoEntry: false });
    if (!s) continue;
    recorded[file] = s.mtimeMs >= startedAtMs - 2000 ? [-1, -1] : [s.mtimeMs, s.size];
  }
  const file = resolve(root, STAMP);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ format: FORMAT, entry, inputs: recorded })}\n`);
  renameSync(temporary, file);
}
