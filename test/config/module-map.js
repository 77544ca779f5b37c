// The module map of docs/architecture.md as data: which top module may import
// which. `npm run lint` enforces it (eslint-rules/module-boundaries.js) and
// test/integration/module-boundaries.test.ts proves the rule bites and that
// no two modules depend on each other in a circle.
//
// A module is a folder under electron/, or renderer/, shared/ or test/.
// Every module may import shared/ and npm packages besides what `may` names
// (whether a module may import `electron` or Node is decided by other lint
// rules). An entry of `may` is a module or a folder inside one
// ('ebics/crypto'); `onlyFrom` lets only the named files of the importing
// module cross that edge. Test code (test/**, *.test.ts, *.spec.ts,
// test-*.ts, *-fixtures.ts) may import anything; production code never
// imports test code.

/** @typedef {{ module: string, onlyFrom?: string[] }} Edge */
/** @typedef {{ owns: string, may: (string | Edge)[] }} ModuleRule */

/** @type {Record<string, ModuleRule>} */
export const MODULE_MAP = {
  main: { owns: 'the Electron window: app lifecycle, hardening, IPC wiring', may: ['services'] },
  preload: { owns: 'the bridge that exposes invoke/subscribe to the renderer', may: [] },
  host: { owns: 'the browser host and the CLI', may: ['services'] },
  services: {
    owns: 'the use cases every host calls; they compose the modules below',
    may: [
      'ebics',
      'ledger',
      'sepa',
      'statements',
      'reconcile',
      'csv',
      'vault',
      'letters',
      // Starting and stopping the embedded demo bank, and its clerk's desk.
      {
        module: 'demo-bank',
        onlyFrom: ['electron/services/context.ts', 'electron/services/demo-bank/embedded.ts', 'electron/services/demo-bank-desk.ts'],
      },
    ],
  },
  ebics: { owns: 'the EBICS client: crypto, messages, transport; its journal is an interface the services implement', may: [] },
  'demo-bank': { owns: 'the EBICS server on loopback, with its own store, XML and messages', may: ['ebics/crypto'] },
  ledger: { owns: 'the SQLite ledger: connection, migrations, repositories', may: [] },
  statements: { owns: 'camt / MT940 / bank-CSV readers into one statement model', may: ['csv'] },
  reconcile: { owns: 'the matching engine', may: [] },
  sepa: { owns: 'SEPA rules and pain file builders', may: [] },
  csv: { owns: 'decoding, parsing, sniffing and writing CSV', may: [] },
  vault: { owns: 'the OS keychain and the key bundle', may: [] },
  letters: { owns: 'PDF letters', may: ['ebics/crypto'] },
  packaging: { owns: 'the Electron fuses for a packaged app', may: [] },
  renderer: { owns: 'the React UI; talks to main through the API only', may: [] },
  shared: { owns: 'the API contract and pure helpers every process imports', may: [] },
};

/**
 * TEMPORARY: crossings of the module map that other branches of issue 16
 * are removing (csv: electron/import dissolved, the bank-CSV reader moved to
 * statements; bank: the demo bank with its own XML and messages). Each entry
 * names the file and what it may still import until that branch merges;
 * the lead empties this list after merging them. Nothing else belongs here.
 */
/** @type {{ file: string, to: string, until: string }[]} */
export const TEMPORARY_CROSSINGS = [
  // Empty since the csv and bank branches of issue 16 merged; a crossing added here needs a date it goes away.
];

/** test/**, and tests and their helpers beside the code. Mirrors `testFiles` in eslint.config.js. */
export function isTestFile(path) {
  // Also as an import names it, without the extension.
  return /^test\//.test(path) || /\.(test|spec)(\.[cm]?[jt]sx?)?$/.test(path) || /(^|\/)test-[^/]*$/.test(path) || /-fixtures(\.[cm]?[jt]s)?$/.test(path);
}

/** The top module of a path relative to the repository root, or null outside the modules (root configs). */
export function moduleOf(path) {
  const parts = path.split('/');
  if (parts[0] === 'electron') return parts.length > 2 ? parts[1] : null;
  if (['renderer', 'shared', 'test'].includes(parts[0]) && parts.length > 1) return parts[0];
  return null;
}

/**
 * Whether production file `from` (in module `fromModule`) may import `to`
 * (in `toModule`), both relative to the root. Returns null when it may, else
 * the reason. `temporary` lists crossings being removed on other branches:
 * `{ file, to }`, `to` a folder or file relative to the root.
 */
export function crossing(from, to, map = MODULE_MAP, temporary = []) {
  const fromModule = moduleOf(from);
  const toModule = moduleOf(to);
  if (fromModule === null || toModule === null) return null;
  if (toModule === 'test' || isTestFile(to)) return 'test code';
  if (fromModule === toModule || toModule === 'shared') return null;
  if (temporary.some((t) => t.file === from && (to === t.to || to.startsWith(`${t.to}/`)))) return null;
  const rule = map[fromModule];
  if (!rule) return 'unknown module';
  const target = to.startsWith('electron/') ? to.slice('electron/'.length) : to;
  const allowed = rule.may.some((edge) => {
    const e = typeof edge === 'string' ? { module: edge } : edge;
    const inside = target === e.module || target.startsWith(`${e.module}/`);
    return inside && (!e.onlyFrom || e.onlyFrom.includes(from));
  });
  return allowed ? null : 'not allowed';
}
