// Voucherify operations the mock does not serve answer 501 not_implemented naming the operation;
// paths Voucherify does not have still answer 404; a route of specs/ always wins over the list.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { MockApp } from '../src/index.js';
import { loadSpecs } from '../src/openapi/load.js';
import { RouteTable, compareRoutes } from '../src/openapi/routes.js';
import { UNSERVED_OPERATIONS } from '../src/openapi/unserved.js';
import { defaultSpecsDir } from '../src/package-root.js';
import { as, expectError, testApp } from './helpers.js';

/** A concrete request path for a route: every parameter becomes a plausible id. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'id_1');

/** A spec file serving one operation on `path`, whose one path parameter is `parameter`. */
const oneOperationSpec = (path: string, method: string, operationId: string, parameter: string) =>
  [
    'openapi: 3.0.3',
    'info: { title: one operation, version: "1" }',
    'security: [{ X-App-Id: [], X-App-Token: [] }]',
    'paths:',
    `  ${path}:`,
    `    ${method}:`,
    `      operationId: ${operationId}`,
    `      parameters: [{ name: ${parameter}, in: path, required: true, schema: { type: string } }]`,
    '      responses:',
    "        '200': { description: ok, content: { application/json: { schema: { type: object } } } }",
    'components:',
    '  securitySchemes:',
    '    X-App-Id: { type: apiKey, in: header, name: X-App-Id }',
    '    X-App-Token: { type: apiKey, in: header, name: X-App-Token }',
    '  schemas:',
    '    Error: { type: object }',
  ].join('\n');

const send = (app: MockApp, method: string, path: string) =>
  (request(app) as unknown as Record<string, (path: string) => request.Test>)[method.toLowerCase()](path).set(as('unserved-tenant'));

describe('operations of Voucherify the mock does not serve', () => {
  let app: MockApp;
  beforeAll(async () => {
    app = await testApp();
  });

  it('lists only Voucherify routes that specs/ does not serve today', async () => {
    const { operations } = await loadSpecs(defaultSpecsDir);
    const served = new RouteTable(operations.map((op) => ({ method: op.method, path: op.path, value: op.path })));
    // Served: a route of specs/ as literal as the listed one (a parametric route that takes a literal one's path does not count).
    const shadowed = UNSERVED_OPERATIONS.filter(([method, path]) => {
      const match = served.match(method, concrete(path));
      return match !== undefined && compareRoutes({ method, path }, { method, path: match.value }) >= 0;
    });
    // An operation served since the list was written is harmless (served routes win), but the list should be rewritten.
    expect(shadowed).toEqual([]);
    expect(UNSERVED_OPERATIONS.length).toBeGreaterThan(100);
  });

  it.each(UNSERVED_OPERATIONS.map(([method, path, operationId]) => [operationId, method, path]))(
    '%s (%s %s) answers 501 not_implemented naming the operation',
    async (operationId, method, path) => {
      const res = await send(app, method, concrete(path));
      const body = expectError(res, 501, 'not_implemented', 'Not implemented');
      expect(body.details).toBe(`Operation ${operationId} (${method} ${path}) is part of Voucherify's API but not served by mock-voucherify`);
    },
  );

  it('answers 501 for a literal Voucherify route that a served parametric route would otherwise take', async () => {
    // specs/ serves no parametric route that takes a listed literal one: a folder with one spec serving
    // GET /v2/loyalties/{section} stands in, beside the listed GET /v2/loyalties/programs.
    const dir = mkdtempSync(join(tmpdir(), 'mock-unserved-literal-'));
    writeFileSync(join(dir, 'loyalties.yaml'), oneOperationSpec('/v2/loyalties/{section}', 'get', 'touch-section', 'section'));
    const served = await testApp({ specsDir: dir, fixtures: {}, handlers: { 'touch-section': (ctx) => ({ status: 200, body: { id: ctx.params.section } }) } });
    const res = await send(served, 'GET', '/v2/loyalties/programs');
    expect(expectError(res, 501, 'not_implemented', 'Not implemented').details).toContain('listPrograms');
    // The parametric route still serves every other section.
    const other = await send(served, 'GET', '/v2/loyalties/other');
    expect({ status: other.status, body: other.body }).toEqual({ status: 200, body: { id: 'other' } });
  });

  it('answers 501 whatever the credentials, as an unknown route answers 404 before them', async () => {
    const res = await request(app).delete('/v2/loyalties/rewards/rew_1');
    expect(expectError(res, 501, 'not_implemented', 'Not implemented').details).toContain('deleteReward');
  });

  it.each([
    ['GET', '/v1/nothing-here'],
    ['GET', '/v1/export'],
    ['PATCH', '/v1/exports/exp_1'],
    ['GET', '/v3/loyalties'],
  ])('still answers 404 for %s %s, which Voucherify does not have', async (method, path) => {
    const body = expectError(await send(app, method, path), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe(`Cannot find route ${method} ${path}`);
  });
});

describe('a route of specs/', () => {
  it('wins over the list: an operation served by a spec file answers as its handler does', async () => {
    // A folder with one spec serving GET /v2/loyalties/rewards/{rewardId}, an operation on the list.
    const dir = mkdtempSync(join(tmpdir(), 'mock-unserved-'));
    writeFileSync(join(dir, 'rewards.yaml'), oneOperationSpec('/v2/loyalties/rewards/{rewardId}', 'get', 'touch-reward', 'rewardId'));
    const app = await testApp({ specsDir: dir, fixtures: {}, handlers: { 'touch-reward': (ctx) => ({ status: 200, body: { id: ctx.params.rewardId } }) } });
    const served = await send(app, 'GET', '/v2/loyalties/rewards/rew_1');
    expect({ status: served.status, body: served.body }).toEqual({ status: 200, body: { id: 'rew_1' } });
    const other = await send(app, 'DELETE', '/v2/loyalties/rewards/rew_1');
    expect(expectError(other, 501, 'not_implemented', 'Not implemented').details).toContain('deleteReward');
  });
});
