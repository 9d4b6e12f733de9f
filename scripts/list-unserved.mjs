// Writes src/openapi/unserved.ts: every operation of Voucherify's API reference (method, path,
// operationId) that no file of specs/ serves, so the mock answers them 501 instead of 404.
// Run again when specs/ gains operations: node scripts/list-unserved.mjs <folder of the reference's JSON files>

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';

const referenceDir = process.argv[2];
if (!referenceDir) {
  console.error('usage: node scripts/list-unserved.mjs <folder of the Voucherify reference JSON files>');
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** /v1/vouchers/{code} and /v1/vouchers/{voucherId} are one route. */
const shape = (method, path) => `${method} ${path.replace(/\{[^}]+\}/g, '{}').toLowerCase()}`;

const served = new Set();
for (const file of readdirSync(join(root, 'specs')).filter((name) => name.endsWith('.yaml'))) {
  const document = await SwaggerParser.parse(join(root, 'specs', file));
  for (const [path, item] of Object.entries(document.paths ?? {})) for (const method of METHODS) if (item[method]) served.add(shape(method, path));
}

const unserved = new Map();
for (const file of readdirSync(referenceDir).filter((name) => name.endsWith('.json')).sort()) {
  const document = JSON.parse(readFileSync(join(referenceDir, file), 'utf8'));
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operationId = item[method]?.operationId;
      if (!operationId || served.has(shape(method, path))) continue;
      unserved.set(shape(method, path), [method.toUpperCase(), path, operationId]);
    }
  }
}

const rows = [...unserved.values()].sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1].localeCompare(b[1])));
const text = `// Voucherify operations mock-voucherify does not serve: [method, path, operationId], from Voucherify's
// API reference. A request for one answers 501 not_implemented naming it (see unserved-routes.ts),
// rather than the 404 of a path Voucherify does not have. Written by scripts/list-unserved.mjs;
// a route of specs/ always wins over this list, so an operation served later needs no edit here.

export const UNSERVED_OPERATIONS: readonly (readonly [method: string, path: string, operationId: string])[] = [
${rows.map((row) => `  ${JSON.stringify(row).replace(/","/g, "', '").replace(/^\["/, "['").replace(/"\]$/, "']")},`).join('\n')}
];
`;
writeFileSync(join(root, 'src/openapi/unserved.ts'), text);
console.log(`${rows.length} unserved operations written to src/openapi/unserved.ts`);
