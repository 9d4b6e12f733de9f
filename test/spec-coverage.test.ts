// specs/ and the handlers match one to one, every spec file is valid OpenAPI, and routes are ordered.

import { cpSync, mkdtempSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { compileSpecs } from '../src/openapi/compiled-specs.js';
import { loadSpecs, type OperationSpec } from '../src/openapi/load.js';
import { cachedCopy, specCacheDir } from '../src/openapi/spec-cache.js';
import { RouteTable, compareRoutes, orderRoutes } from '../src/openapi/routes.js';
import { defaultSpecsDir } from '../src/package-root.js';
import { handlers } from '../src/resources/index.js';

describe('specs/', () => {
  const files = readdirSync(defaultSpecsDir).filter((f) => f.endsWith('.yaml'));

  it.each(files)('%s is valid OpenAPI 3.0', async (file) => {
    const api = (await SwaggerParser.validate(join(defaultSpecsDir, file))) as { openapi: string };
    expect(api.openapi).toMatch(/^3\.0\./);
  });

  it('has a handler for every operation, and an operation for every handler', async () => {
    const { operations } = await loadSpecs(defaultSpecsDir);
    const specIds = operations.map((op) => op.operationId).sort();
    expect(Object.keys(handlers).sort()).toEqual(specIds);
  });

  it("compiles every operation's request validators", async () => {
    const { operations } = await compileSpecs(defaultSpecsDir);
    for (const operation of operations) {
      const compiled = operation.validators();
      expect(typeof compiled.validatePath).toBe('function');
      expect(compiled.validateBody === undefined).toBe(operation.spec.requestBody === undefined);
    }
  });

  it('gives every date and date-time input a format the validators check', async () => {
    // start_date, expiration_date, end_date, birthday, birthdate, created_at, before, $after, starting_after, …
    const dateLike = /(^|_)(date|birthday|birthdate)$|_at$|^\$?(before|after)$|^starting_after$/;
    const dateFormats = ['date', 'date-time', 'date-or-date-time'];
    const { components, operations } = await loadSpecs(defaultSpecsDir);
    const resolve = (ref: string): Record<string, unknown> => {
      const [document, pointer] = ref.split('#');
      let node: unknown = { components: { schemas: components.get(document) } };
      for (const part of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)[part];
      return node as Record<string, unknown>;
    };
    const untyped: string[] = [];
    const walk = (schema: Record<string, unknown> | undefined, where: string, seen: Set<string>): void => {
      if (!schema || typeof schema !== 'object') return;
      if (typeof schema.$ref === 'string') {
        if (seen.has(schema.$ref)) return;
        return walk(resolve(schema.$ref), where, new Set([...seen, schema.$ref]));
      }
      for (const key of ['allOf', 'anyOf', 'oneOf'] as const) for (const part of (schema[key] as Record<string, unknown>[] | undefined) ?? []) walk(part, where, seen);
      walk(schema.items as Record<string, unknown> | undefined, `${where}[]`, seen);
      for (const [name, property] of Object.entries((schema.properties as Record<string, Record<string, unknown>> | undefined) ?? {})) {
        const format = property.format as string | undefined;
        if (dateLike.test(name) && property.type === 'string' && !dateFormats.includes(format ?? '')) untyped.push(`${where}.${name}`);
        walk(property, `${where}.${name}`, seen);
      }
    };
    for (const spec of operations) {
      if (spec.requestBody) walk(spec.requestBody.schema, `${spec.operationId} body`, new Set());
      for (const parameter of spec.parameters) walk({ properties: { [parameter.name]: parameter.schema } }, `${spec.operationId} ${parameter.in}`, new Set());
    }
    expect(untyped).toEqual([]);
  });

  it("declares on every operation the credentials its dialect's authentication accepts", async () => {
    // Voucherify: the X-App-Id + X-App-Token pair, or a bearer token. Capillary: Basic, or a bearer token.
    const expected = { voucherify: { 'X-App-Id': [], 'X-App-Token': [] }, capillary: { basicAuth: [] } };
    for (const file of files) {
      const api = (await SwaggerParser.parse(join(defaultSpecsDir, file))) as {
        info: { 'x-mock-dialect'?: 'capillary' };
        security?: unknown[];
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      };
      const dialect = api.info['x-mock-dialect'] ?? 'voucherify';
      for (const [path, item] of Object.entries(api.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          if (method === 'parameters') continue;
          // Only the mock's own GET /_mock/health asks for no credentials.
          if (Array.isArray(operation.security) && operation.security.length === 0 && path === '/_mock/health') continue;
          expect(operation.security ?? api.security).toEqual(expect.arrayContaining([expected[dialect], { bearerAuth: [] }]));
        }
      }
    }
  });
});

describe('the JSON copy of specs/ that start-up reads', () => {
  it('describes exactly the operations and schemas of the YAML files', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'mock-voucherify-specs-'));
    cpSync(defaultSpecsDir, copy, { recursive: true });
    const fromYaml = await loadSpecs(copy); // not the package's specs/, so never the cache
    const fromDefault = await loadSpecs(defaultSpecsDir);
    expect(cachedCopy(copy, 'voucherify-referrals.yaml')).toBeUndefined();
    expect(fromDefault.operations).toEqual(fromYaml.operations);
    expect(fromDefault.components).toEqual(fromYaml.components);
  });

  it('is used for every file of the package whose content it was made from, whatever the file times', () => {
    const files = readdirSync(defaultSpecsDir).filter((f) => f.endsWith('.yaml'));
    expect(files.map((file) => cachedCopy(defaultSpecsDir, file))).toEqual(files.map((file) => join(specCacheDir, `${file}.json`)));
    // npm gives installed files times of its own: a YAML file newer than its copy is still the same document.
    const file = join(defaultSpecsDir, files[0]);
    const { atime, mtime } = statSync(file);
    try {
      utimesSync(file, new Date(), new Date(Date.now() + 60_000));
      expect(cachedCopy(defaultSpecsDir, files[0])).toBe(join(specCacheDir, `${files[0]}.json`));
    } finally {
      utimesSync(file, atime, mtime);
    }
  });
});

describe('route order', () => {
  const op = (method: string, path: string) => ({ method, path }) as OperationSpec;

  it('puts a literal segment before a parameter in the same place', () => {
    const ordered = orderRoutes([
      op('get', '/v1/customers/{customerId}'),
      op('get', '/v1/customers/export'),
      op('get', '/v1/referrals/{campaignId}/members/{memberId}/holders'),
      op('get', '/v1/referrals/members/{memberId}/holders'),
    ]).map((o) => o.path);
    expect(ordered.indexOf('/v1/customers/export')).toBeLessThan(ordered.indexOf('/v1/customers/{customerId}'));
    expect(ordered.indexOf('/v1/referrals/members/{memberId}/holders')).toBeLessThan(
      ordered.indexOf('/v1/referrals/{campaignId}/members/{memberId}/holders'),
    );
  });

  it('is a stable total order', () => {
    expect(compareRoutes(op('get', '/a/{x}'), op('get', '/a/{x}'))).toBe(0);
    expect(compareRoutes(op('get', '/a'), op('get', '/a/b'))).toBeLessThan(0);
    expect(compareRoutes(op('delete', '/a'), op('get', '/a'))).toBeLessThan(0);
  });

});

describe('RouteTable', () => {
  const table = new RouteTable([
    { method: 'get', path: '/v1/customers/{customerId}', value: 'get-customer' },
    { method: 'get', path: '/v1/customers/export', value: 'export-customers' },
    { method: 'delete', path: '/v1/customers/{customerId}', value: 'delete-customer' },
    { method: 'get', path: '/v1/referrals/{campaignId}/members/{memberId}/holders', value: 'holders-of-campaign' },
    { method: 'get', path: '/v1/referrals/members/{memberId}/holders', value: 'holders' },
  ]);
  const cases: [string, string, { value: string; params: Record<string, string> } | undefined][] = [
    ['GET', '/v1/customers/export', { value: 'export-customers', params: {} }],
    ['GET', '/v1/customers/cust_1', { value: 'get-customer', params: { customerId: 'cust_1' } }],
    ['DELETE', '/v1/customers/cust_1', { value: 'delete-customer', params: { customerId: 'cust_1' } }],
    ['GET', '/v1/referrals/members/REF-1/holders', { value: 'holders', params: { memberId: 'REF-1' } }],
    ['GET', '/v1/referrals/camp_1/members/REF-1/holders', { value: 'holders-of-campaign', params: { campaignId: 'camp_1', memberId: 'REF-1' } }],
    // Express's defaults: literals ignore case, one trailing slash is fine, parameters are percent-decoded, HEAD is GET.
    ['GET', '/V1/Customers/Export', { value: 'export-customers', params: {} }],
    ['GET', '/v1/customers/cust_1/', { value: 'get-customer', params: { customerId: 'cust_1' } }],
    ['GET', '/v1/customers/a%2Fb%20c', { value: 'get-customer', params: { customerId: 'a/b c' } }],
    ['HEAD', '/v1/customers/cust_1', { value: 'get-customer', params: { customerId: 'cust_1' } }],
    ['PUT', '/v1/customers/cust_1', undefined],
    ['GET', '/v1/customers//', undefined],
    ['GET', '/v1/customers/cust_1/extra', undefined],
    ['GET', '/v1/nothing', undefined],
  ];
  it.each(cases)('%s %s', (method, path, expected) => {
    expect(table.match(method, path)).toEqual(expected);
  });

  it('refuses a parameter with broken percent-encoding as Express does', () => {
    expect(() => table.match('GET', '/v1/customers/%E2%82')).toThrow(expect.objectContaining({ status: 400, key: 'invalid_request', details: "Failed to decode param '%E2%82'" }));
  });
});
