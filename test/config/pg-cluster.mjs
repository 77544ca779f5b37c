// A throwaway PostgreSQL cluster for the team-ledger tests (npm run test:team,
// .ci/run): initdb and pg_ctl from Debian's `postgresql` package, data and
// unix socket under a fresh temporary folder, a free TCP port on 127.0.0.1,
// a superuser with a random password (scram-sha-256, no trust). PostgreSQL
// refuses to run as root, so as root the cluster runs as the `postgres`
// account the package creates (or `nobody`).
//
//   node test/config/pg-cluster.mjs start        prints KONTOR_PG_CLUSTER_URL=… and KONTOR_PG_CLUSTER_DIR=… lines (.ci/run)
//   node test/config/pg-cluster.mjs stop DIR     stops the cluster and removes DIR
//   node test/config/pg-cluster.mjs run CMD…     runs CMD with KONTOR_TEST_DATABASE_URL set: the cluster of
//                                                $KONTOR_PG_CLUSTER_URL when set, else one started around CMD
//   run --as VAR CMD…                            names the cluster in VAR instead (test:reliability: only the
//                                                suite that reads VAR uses it, the others stay on SQLite)
//   run --if-installed CMD…                      without PostgreSQL installed, runs CMD without the variable
//                                                (its PostgreSQL tests skip and say why) instead of failing
//
// Only CMD sees the variable: the other stages (test:unit) stay on SQLite.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  throw new Error('PostgreSQL is not installed (apt-get install postgresql): no /usr/lib/postgresql/<version>/bin/initdb');
}

function installed() {
  try {
    binDir();
    return true;
  } catch {
    return false;
  }
}

function runAs() {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
      return { user, uid, gid };
    } catch {
      // try the next account
    }
  }
  throw new Error('Running as root and neither a postgres nor a nobody account exists to run the cluster');
}

function as(owner, command, args) {
  const [cmd, argv] = owner ? ['runuser', ['-u', owner.user, '--', command, ...args]] : [command, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function startCluster() {
  const bin = binDir();
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'kontor-pg-'));
  chmodSync(dir, 0o755);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  const data = join(dir, 'data');
  as(owner, join(bin, 'initdb'), ['-D', data, '-U', 'kontor_ci', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  rmSync(pwfile);
  const port = await freePort();
  // fsync off: a throwaway cluster that no test expects to survive a power cut.
  const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c max_connections=200`;
  as(owner, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  return { url: `postgres://kontor_ci:${password}@127.0.0.1:${port}/postgres`, dir };
}

export function stopCluster(dir) {
  const owner = runAs();
  try {
    as(owner, join(binDir(), 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main([command, ...rest]) {
  if (command === 'start') {
    const { url, dir } = await startCluster();
    console.log(`KONTOR_PG_CLUSTER_URL=${url}\nKONTOR_PG_CLUSTER_DIR=${dir}`);
    return 0;
  }
  if (command === 'stop' && rest[0]) {
    stopCluster(rest[0]);
    return 0;
  }
  if (command === 'run') {
    let variable = 'KONTOR_TEST_DATABASE_URL';
    let optional = false;
    while (rest[0]?.startsWith('--')) {
      const flag = rest.shift();
      if (flag === '--as' && rest[0]) variable = rest.shift();
      else if (flag === '--if-installed') optional = true;
      else return usage();
    }
    if (!rest.length) return usage();
    const given = process.env.KONTOR_PG_CLUSTER_URL;
    if (!given && optional && !installed()) {
      console.error(`pg-cluster: PostgreSQL is not installed; running without ${variable} (the PostgreSQL suites skip)`);
      return spawnSync(rest[0], rest.slice(1), { stdio: 'inherit' }).status ?? 1;
    }
    const cluster = given ? null : await startCluster();
    try {
      const env = { ...process.env, [variable]: given ?? cluster.url };
      return spawnSync(rest[0], rest.slice(1), { stdio: 'inherit', env }).status ?? 1;
    } finally {
      if (cluster) stopCluster(cluster.dir);
    }
  }
  return usage();
}

function usage() {
  console.error('Usage: node test/config/pg-cluster.mjs start | stop DIR | run [--as VARIABLE] [--if-installed] COMMAND…');
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
