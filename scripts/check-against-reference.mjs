// Compares what mock-voucherify answers with Voucherify's own published response schemas.
//   node scripts/check-against-reference.mjs <reference folder> <answers file>
//     checks answers recorded by the test suite (MOCK_VOUCHERIFY_RECORD_ANSWERS=<file> npm test);
//   node scripts/check-against-reference.mjs --run-tests <reference folder> [jest arguments…]
//     (npm run check:reference -- <reference folder>) runs the suite with the recorder first.
// Prints, by operation, the mismatches (schema path, message, count), the answers whose status the
// reference does not document and the served operations no test answered. Exits 1 when an answer
// does not fit (README: "Differences from Voucherify's published schemas" lists the known ones) or
// the suite fails. Not part of npm test: the reference is not in the repository.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { METHODS, checkAnswers, formatReport, loadReference } from './reference-check.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const runTests = args[0] === '--run-tests';
if (runTests) args.shift();
const [referenceDir, ...rest] = args;
if (!referenceDir || (!runTests && rest.length !== 1)) {
  console.error('usage: node scripts/check-against-reference.mjs <reference folder> <answers file>');
  console.error('       node scripts/check-against-reference.mjs --run-tests <reference folder> [jest arguments…]');
  process.exit(2);
}

let answersFile = rest[0];
let scratch;
let testsFailed = false;
if (runTests) {
  scratch = mkdtempSync(join(tmpdir(), 'mock-voucherify-answers-'));
  answersFile = join(scratch, 'answers.jsonl');
  const jestArgs = rest.length ? rest : [];
  const run = spawnSync('npm', ['test', '--', '--maxWorkers=2', ...jestArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MOCK_VOUCHERIFY_RECORD_ANSWERS: answersFile },
  });
  testsFailed = run.status !== 0;
}

const answers = readAnswers(answersFile);
const reference = await loadReference(referenceDir);
const served = await servedOperations();
const result = checkAnswers(reference, answers);
console.log(formatReport(result, reference, served));
if (scratch) rmSync(scratch, { recursive: true, force: true });
if (testsFailed) console.log('\nThe test suite did not pass: the answers above are those of the tests that ran.');
// Nulls and undocumented error statuses (their bodies are checked) do not fail the check: the
// reference leaves out most error statuses and many `nullable`s. A mismatch does.
const fits = [...result.byOperation.values()].every((entry) => entry.mismatches.size === 0);
process.exit(fits && !testsFailed ? 0 : 1);

function readAnswers(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`cannot read the answers file ${file}: ${error.message}`);
    process.exit(2);
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** The operationIds specs/ declares. */
async function servedOperations() {
  const ids = [];
  for (const file of readdirSync(join(root, 'specs')).filter((name) => name.endsWith('.yaml'))) {
    const document = await SwaggerParser.parse(join(root, 'specs', file));
    for (const item of Object.values(document.paths ?? {})) for (const method of METHODS) if (item[method]?.operationId) ids.push(item[method].operationId);
  }
  return ids;
}
