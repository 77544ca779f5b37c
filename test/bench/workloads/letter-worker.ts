/** One fresh process: load the letter module, print two letters, read the first back (spawned by letter.ts). */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InitLetterData, LetterKey } from '../../../electron/letters';
import type { LetterWorkerResult } from './letter';

const key = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 }).publicKey;
const keys: LetterKey[] = [
  { purpose: 'signature', version: 'A006', publicKey: key() },
  { purpose: 'authentication', version: 'X002', publicKey: key() },
  { purpose: 'encryption', version: 'E002', publicKey: key() },
];
const data: InitLetterData = {
  locale: 'de',
  ebicsVersion: 'H004',
  bankName: 'Sparkasse Köln',
  hostId: 'KONTORDEMO',
  hostUrl: 'https://ebics.example.com/ebicsweb/ebicsweb',
  partnerId: 'KONTOR01',
  userId: 'USER01',
  customerName: 'Müller & Söhne GmbH',
  date: '2026-11-21',
  place: 'Düsseldorf',
  keys,
};

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
let t = process.hrtime.bigint();
const { buildInitialisationLetter, letterHash } = await import('../../../electron/letters');
const importMs = ms(t);
t = process.hrtime.bigint();
const cpu = process.cpuUsage();
const first = await buildInitialisationLetter(data);
const firstMs = ms(t);
const used = process.cpuUsage(cpu);
t = process.hrtime.bigint();
await buildInitialisationLetter({ ...data, userId: 'USER02' });
const nextMs = ms(t);
const max_rss_mb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

const dir = mkdtempSync(join(tmpdir(), 'kontor-bench-letter-'));
let check: string;
try {
  writeFileSync(join(dir, 'letter.pdf'), first);
  const r = spawnSync('pdftotext', ['-layout', join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' });
  if (r.error) {
    check = 'not read back: pdftotext (poppler-utils) is not installed';
  } else {
    const text = r.stdout.replace(/\s+/g, ' ');
    const missing = keys.filter((k) => !text.includes(letterHash(k, 'H004')));
    if (missing.length > 0) throw new Error(`the letter lacks the hash of ${missing.map((k) => k.version).join(', ')}`);
    check = `${first.length} bytes; pdftotext reads all three key hashes back as letterHash prints them`;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(
  `${JSON.stringify({ importMs, firstMs, firstCpuMs: (used.user + used.system) / 1000, nextMs, max_rss_mb, check } satisfies LetterWorkerResult)}\n`,
);
