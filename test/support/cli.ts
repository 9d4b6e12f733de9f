// The built mock-voucherify command as a child process: start it, wait for its URL, stop or kill it.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const cli = fileURLToPath(new URL('../../dist/bin/mock-voucherify.js', import.meta.url));

export interface RunningCli {
  child: ChildProcess;
  url: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();

/** Kills whatever a test left running (for afterAll). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Starts the CLI (with `extraEnv` added to a MOCK_VOUCHERIFY_*-free environment) and resolves once it prints its URL; rejects if it exits first. */
export function startCli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningCli> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does it first)`);
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_VOUCHERIFY_'))), ...extraEnv };
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^mock-voucherify listening on (http:\/\/\S+)$/.exec(line);
      if (match) resolve({ child, url: match[1], stderr: () => stderr, exited });
    });
  });
}
