// What a scenario is, and the context it runs in: CLIs to measure and cleanup that always runs.

import { spawnCli, stopCli, type Child } from './processes.js';
import { makeTempDir, removeTempDir } from './temp.js';

export interface Context {
  /**
   * The CLI shared by scenarios that accept one another's tenants (as the load runs always have):
   * spawned on first use, stopped when the whole run ends.
   */
  sharedCli(): Promise<Child>;
  /** A CLI of this scenario's own, so that no other scenario's tenants weigh on its figures; stopped when it ends. */
  ownCli(): Promise<Child>;
  /** A temporary folder, removed when the scenario ends. */
  tempDir(prefix: string): string;
  /** Cleanup run when the scenario ends, whether it threw or not (last registered runs first). */
  defer(cleanup: () => Promise<void> | void): void;
}

export interface Scenario {
  name: string;
  description: string;
  /** True when it calls sharedCli(): the shared CLI is stopped after the last such scenario of the run. */
  usesSharedCli?: boolean;
  run(context: Context): Promise<void>;
}

/** One bench run: owns the shared CLI and hands each scenario a context whose cleanup runs when it ends. */
export class Session {
  private shared: Promise<Child> | undefined;

  async run(scenario: Scenario): Promise<void> {
    const cleanups: (() => Promise<void> | void)[] = [];
    const defer = (cleanup: () => Promise<void> | void) => void cleanups.push(cleanup);
    const context: Context = {
      sharedCli: () =>
        (this.shared ??= spawnCli().catch((error: unknown) => {
          this.shared = undefined; // the next scenario may try again
          throw error;
        })),
      ownCli: async () => {
        const cli = await spawnCli();
        defer(() => stopCli(cli.child));
        return cli;
      },
      tempDir: (prefix) => {
        const dir = makeTempDir(prefix);
        defer(() => removeTempDir(dir));
        return dir;
      },
      defer,
    };
    try {
      await scenario.run(context);
    } finally {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          console.error(`bench: cleanup after ${scenario.name} failed: ${(error as Error).message}`);
        }
      }
    }
  }

  async close(): Promise<void> {
    const shared = this.shared;
    this.shared = undefined;
    // A shared CLI that failed to start has nothing to stop.
    const cli = await shared?.catch(() => undefined);
    if (cli) await stopCli(cli.child);
  }
}
