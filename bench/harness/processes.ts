// Child servers: spawning the mock's CLI (or any server script that prints its URL) and stopping it.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { onExit } from './exit-hooks.js';
import { HOST } from './http.js';

/** The bundled CLI of this checkout (dist/bin), next to the compiled bench in dist/bench. */
export const CLI = fileURLToPath(new URL('../../bin/mock-voucherify.js', import.meta.url));
const STARTUP_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;

/** Children still running; killed outright if the bench dies before stopping them itself. */
const liveChildren = new Set<ChildProcess>();
onExit(() => liveChildren.forEach((child) => child.kill('SIGKILL')));

export interface Child {
  child: ChildProcess;
  url: string;
}

export interface SpawnOptions {
  script: string;
  args: string[];
  /** The stdout line that says the server listens; its first group is the URL. */
  ready: RegExp;
  /** Written to the child's stdin, which is then closed. */
  input?: string;
  /** Extra node flags (before the script). */
  nodeArgs?: string[];
}

/**
 * Spawns `node script args…` and resolves once it prints its URL (on HOST, or it is an error).
 * MOCK_VOUCHERIFY_* variables are left out of its environment so that a developer's settings
 * (a --db file, fixed credentials) cannot leak into the figures.
 */
export async function spawnServer(options: SpawnOptions): Promise<Child> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_VOUCHERIFY_')));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script, ...options.args], {
    env,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  if (options.input !== undefined) child.stdin?.end(options.input);

  const lines = createInterface({ input: child.stdout! });
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${options.script} printed no URL within ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`${options.script} exited (${signal ?? code}) before listening: ${stderr.trim()}`)));
      lines.on('line', (line) => {
        const match = options.ready.exec(line);
        if (match) resolve(match[1]);
      });
    });
    if (new URL(url).hostname !== HOST) throw new Error(`${options.script} listens on ${url}, not on ${HOST}`);
    return { child, url };
  } catch (error) {
    await stopCli(child);
    throw error;
  } finally {
    clearTimeout(timer);
    lines.close();
    // Closing readline pauses stdout; keep draining it so a chatty child never blocks on a full pipe.
    child.stdout?.resume();
  }
}

/** `node <cli> --port 0 --host 127.0.0.1`, resolved once it prints `mock-voucherify listening on <url>`. */
export function spawnCli(script = CLI): Promise<Child> {
  return spawnServer({ script, args: ['--port', '0', '--host', HOST], ready: /^mock-voucherify listening on (http:\/\/\S+)$/ });
}

/** SIGTERM (the CLI closes cleanly on it), then SIGKILL if it is still there after STOP_GRACE_MS. */
export async function stopCli(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs `node nodeArgs… script args…` to its end and resolves with its stdout; fails if it exits
 * non-zero or runs past `timeoutMs` (then it is killed). Killed too if the bench dies first.
 */
export async function runScript(script: string, args: string[], nodeArgs: string[], timeoutMs: number): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_VOUCHERIFY_')));
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    if (code !== 0) throw new Error(`${script} ${signal ? `was killed (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs} ms?` : ''})` : `exited with ${code}`}: ${stderr.trim()}`);
    return stdout;
  } finally {
    clearTimeout(timer);
  }
}
