// The README's table of served operations lists exactly the Voucherify operations of specs/.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from '@jest/globals';

const root = fileURLToPath(new URL('..', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const NOT_VOUCHERIFY = new Set(['mock-admin.yaml', 'capillary-customer-v1.1.yaml']);

describe('README: served operations', () => {
  it('has one row per Voucherify operation of specs/, and no other', async () => {
    const expected: string[] = [];
    for (const file of readdirSync(join(root, 'specs')).filter((name) => name.endsWith('.yaml') && !NOT_VOUCHERIFY.has(name))) {
      const api = (await SwaggerParser.parse(join(root, 'specs', file))) as unknown as { paths: Record<string, Record<string, { operationId: string }>> };
      for (const [path, item] of Object.entries(api.paths)) {
        for (const method of METHODS) if (item[method]) expected.push(`${method.toUpperCase()} ${path} ${item[method].operationId} ${file}`);
      }
    }
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /<!-- operations:start[^>]*-->([\s\S]*?)<!-- operations:end -->/.exec(readme)?.[1] ?? '';
    const rows = [...block.matchAll(/^\| (GET|POST|PUT|DELETE|PATCH) \| `([^`]+)` \| `([^`]+)` \| `([^`]+)` \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
    expect(rows.sort()).toEqual(expected.sort());
    expect(block).toContain(`the mock serves ${expected.length} `);
    expect(block).toContain(`<summary>The ${expected.length} served operations</summary>`);
  });
});
