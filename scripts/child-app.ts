import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../src/database/embedded-postgres.js';

/**
 * The built app (dist/src/main.js) as a child process on 127.0.0.1, as the probe and the
 * benchmarks run it: started with the environment given, healthy before it is used, stopped
 * as a signal stops it in production.
 */
const MAIN = new URL('../src/main.js', import.meta.url).pathname;

/**
 * How `npm start` runs the app: the environment variables and Node options of its memory budget,
 * read from package.json's start script, so that what is measured is what runs.
 */
export function startCommand(): { env: Record<string, string>; options: string[] } {
  // The project's package.json: one folder up from scripts/, two from dist/scripts/.
  const file = new URL(import.meta.url.includes('/dist/scripts/') ? '../../package.json' : '../package.json', import.meta.url);
  const scripts = (JSON.parse(readFileSync(file, 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [, variables, options] = /((?:[A-Z_]+=\S+ )*)node ((?:--[\w-]+(?:=\S+)? )*)dist\/src\/main\.js/.exec(scripts.start) ?? [];
  if (options === undefined) throw new Error(`package.json's start script does not run dist/src/main.js with node: ${scripts.start}`);
  const words = (text: string) => text.split(' ').filter(Boolean);
  return { env: Object.fromEntries(words(variables ?? '').map((word) => word.split('=') as [string, string])), options: words(options) };
}

export interface RunningApp {
  child: ChildProcess;
  address: string;
  env: NodeJS.ProcessEnv;
  exited: Promise<number | null>;
  output(): string;
}

/** Starts dist/src/main.js as `npm start` does and waits until /health answers (at most 90 s). Keeps the tail of its output for error messages. */
export async function startApp(env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const start = startCommand();
  const child = spawn(process.execPath, [...start.options, MAIN], { env: { ...start.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve((exitCode = code))));
  const address = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && exitCode === undefined) {
    const health = await fetch(`${address}/health`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    if (health?.ok) return { child, address, env, exited, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the app did not become healthy (exit code ${exitCode}):\n${output}`);
}

export async function stopApp(app: RunningApp): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGTERM');
  const stopped = await Promise.race([app.exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 20_000))]);
  if (!stopped) app.child.kill('SIGKILL');
}

export async function appEnv(overrides: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const { DATABASE_URL: _server, ...inherited } = process.env;
  return {
    ...inherited,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    OUTBOX_POLL_SECONDS: '0',
    SMTP_URL: '',
    // The lowest cost the config allows: probes and benchmarks sign in people, they do not measure hashing.
    PASSWORD_HASH_COST: '10',
    ...overrides,
  };
}
