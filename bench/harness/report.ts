// Reporting: one line per figure as soon as it is measured, and the closing markdown table.

import os from 'node:os';

interface Row {
  figure: string;
  result: string;
  target: string;
  status: string;
}

const rows: Row[] = [];
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

export interface Target {
  text: string;
  pass: boolean;
}

/** Prints one figure at once and keeps it for the closing table. A missed target is a MISS, never a failure. */
export function report(figure: string, result: string, target?: Target): void {
  const check = target ? `  [target ${target.text}: ${verdict(target.pass)}]` : '';
  console.log(`${figure}: ${result}${check}`);
  rows.push({ figure, result, target: target?.text ?? '–', status: target ? verdict(target.pass) : '' });
}

/** A scenario that could not finish: printed at once and listed in the table as ERROR. */
export function reportError(scenario: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.log(`${scenario}: ERROR ${message}`);
  if (error instanceof Error && error.stack) console.error(error.stack);
  rows.push({ figure: `Scenario ${scenario}`, result: message.replace(/\s+/g, ' '), target: '–', status: 'ERROR' });
}

/** Cores, CPU, Node version and platform, for the header and the table's caption. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

export function printTable(): void {
  console.log(`\nMeasured on ${machine()}.\n`);
  console.log('| Figure | Result | Target | Status |');
  console.log('| --- | --- | --- | --- |');
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  for (const row of rows) console.log(`| ${cell(row.figure)} | ${cell(row.result)} | ${cell(row.target)} | ${row.status} |`);
}
