// Runs mock-voucherify's benchmark scenarios (all, or those named) and prints each figure, then a markdown table.
//
// `npm run bench` runs every scenario; `npm run bench -- lists tenants` only those. Every figure gets one line as
// soon as it is measured. A missed target prints MISS but never makes the exit code non-zero; a scenario that
// cannot finish prints ERROR, the others still run, and the exit code is 1. Everything talks to 127.0.0.1 only,
// every loop is bounded in count and time, and the run ends by itself: servers are closed, children killed,
// temp folders removed.

import './harness/exit-hooks.js';
import { Session } from './harness/context.js';
import { closeAgent } from './harness/http.js';
import { machine, printTable, reportError } from './harness/report.js';
import { scenarios } from './scenarios/index.js';

function usage(): string {
  const width = Math.max(...scenarios.map((s) => s.name.length));
  const lines = scenarios.map((s) => `  ${s.name.padEnd(width)}  ${s.description}`);
  return `Usage: npm run bench [-- <scenario>...]   (no name: all of them, in this order)\n\nScenarios:\n${lines.join('\n')}`;
}

const names = process.argv.slice(2);
if (names.includes('--help') || names.includes('-h')) {
  console.log(usage());
  process.exit(0);
}
const unknown = names.filter((name) => !scenarios.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`Unknown scenario${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}\n\n${usage()}`);
  process.exit(1);
}
// Named scenarios run in the canonical order, each once.
const selected = names.length === 0 ? scenarios : scenarios.filter((s) => names.includes(s.name));

console.log(`mock-voucherify bench on ${machine()}`);
const session = new Session();
let failed = 0;
try {
  for (const [i, scenario] of selected.entries()) {
    console.log(`\n== ${scenario.name}: ${scenario.description}`);
    try {
      await session.run(scenario);
    } catch (error) {
      failed++;
      reportError(scenario.name, error);
    }
    // An idle CLI holding large tenants still collects garbage now and then: gone once no one needs it.
    if (!selected.slice(i + 1).some((next) => next.usesSharedCli)) await session.close();
  }
} finally {
  await session.close();
  closeAgent();
}
printTable();
if (failed > 0) process.exitCode = 1;
