// Writes the README's table of served operations (between the `operations:start` and `operations:end`
// markers) from specs/, and the coverage line above it from specs/ and src/openapi/unserved.ts.
// Run after adding operations: node scripts/operations-table.mjs   (test/readme-operations.test.ts
// fails until the README agrees with specs/).

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';

const root = new URL('..', import.meta.url).pathname;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Spec files that are not Voucherify's API: the mock's own endpoints and Capillary's. */
const NOT_VOUCHERIFY = new Set(['mock-admin.yaml', 'capillary-customer-v1.1.yaml']);

const rows = [];
for (const file of readdirSync(join(root, 'specs')).filter((name) => name.endsWith('.yaml')).sort()) {
  if (NOT_VOUCHERIFY.has(file)) continue;
  const document = await SwaggerParser.parse(join(root, 'specs', file));
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) if (item[method]) rows.push({ method: method.toUpperCase(), path, operationId: item[method].operationId, file });
  }
}
rows.sort((a, b) => (a.path === b.path ? METHODS.indexOf(a.method.toLowerCase()) - METHODS.indexOf(b.method.toLowerCase()) : a.path.localeCompare(b.path)));

const unservedSource = readFileSync(join(root, 'src/openapi/unserved.ts'), 'utf8');
const unserved = [...unservedSource.matchAll(/\['(GET|POST|PUT|DELETE|PATCH)', '([^']+)', '([^']+)'\]/g)].map(([, method, path]) => ({ method, path }));
const unservedV1 = unserved.filter((op) => op.path.startsWith('/v1/')).length;
const servedV1 = rows.filter((row) => row.path.startsWith('/v1/')).length;
const total = rows.length + unserved.length;

const coverage = `Coverage: of the ${total} operations in Voucherify's API reference, the mock serves ${rows.length} (${servedV1} of the ${servedV1 + unservedV1} \`/v1/…\` ones); the other ${unserved.length} answer 501.`;
const table = [
  '| method | path | operationId | spec |',
  '|---|---|---|---|',
  ...rows.map((row) => `| ${row.method} | \`${row.path}\` | \`${row.operationId}\` | \`${row.file}\` |`),
].join('\n');
const block = `<!-- operations:start (written by scripts/operations-table.mjs) -->\n${coverage}\n\n<details><summary>The ${rows.length} served operations</summary>\n\n${table}\n\n</details>\n<!-- operations:end -->`;

const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const pattern = /<!-- operations:start[^>]*-->[\s\S]*?<!-- operations:end -->/;
if (!pattern.test(readme)) {
  console.error('README.md has no <!-- operations:start --> … <!-- operations:end --> block');
  process.exit(1);
}
writeFileSync(readmePath, readme.replace(pattern, block));
console.log(coverage);
