// Hostile input at every operation of specs/: always a 2xx or a 4xx in the operation's own error
// format, never a 500 and never HTML.

import request from 'supertest';
import { loadSpecs, type OperationSpec } from '../src/openapi/load.js';
import { defaultSpecsDir } from '../src/package-root.js';
import { as, testApp } from './helpers.js';

const { operations } = await loadSpecs(defaultSpecsDir);

const basic = `Basic ${Buffer.from('robust:secret').toString('base64')}`;
const credentials = (spec: OperationSpec) => (spec.dialect === 'capillary' ? { Authorization: basic } : as('robust'));

/** The operation's path with every parameter replaced by `value`. */
const pathWith = (spec: OperationSpec, value: string) => spec.path.replace(/\{[^}]+\}/g, value);

const hostileBodies: [string, string][] = [
  ['an empty object', '{}'],
  ['an array', '[]'],
  ['null', 'null'],
  ['a string', '"text"'],
  ['malformed JSON', '{"a": '],
  ['wrong types everywhere', JSON.stringify({ holders: 'x', customer: 5, campaign: [], voucher: {}, points: 'many', root: 'x', name: 1, metadata: 'm' })],
  ['deep nesting', JSON.stringify(JSON.parse('['.repeat(200) + ']'.repeat(200)))],
];

const hostileQueries = ['limit=-1&page=0', 'limit=abc&order=nope', 'limit=1&limit=2', 'filters=x', 'filters[junction][a]=b', 'created_at[before]=never', 'campaign[]=a&customer[x]=y'];

const hostilePathValues = ['%E2%82', '..', '%00', 'a'.repeat(2000), '%20', 'null'];

function expectOwnErrorFormat(spec: OperationSpec, res: request.Response, what: string): void {
  const context = `${spec.method.toUpperCase()} ${spec.path} with ${what}: ${res.status} ${res.text.slice(0, 200)}`;
  expect({ context, serverError: res.status >= 500 }).toEqual({ context, serverError: false });
  expect(res.headers['content-type'] ?? 'application/json').toMatch(/json/);
  if (res.status < 400) return;
  if (spec.dialect === 'capillary' && res.body.response) {
    expect(res.body.response.status).toMatchObject({ success: 'false', code: res.status, message: expect.any(String) });
  } else {
    expect({ context, body: res.body }).toMatchObject({ context, body: { code: res.status, key: expect.any(String), message: expect.any(String) } });
  }
}

describe.each(operations.map((spec) => [`${spec.method.toUpperCase()} ${spec.path}`, spec] as const))('%s', (_name, spec) => {
  const send = async (path: string, body?: string) => {
    const app = await testApp();
    const req = request(app)[spec.method](path).set(credentials(spec));
    return body === undefined ? req : req.set('Content-Type', 'application/json').send(body);
  };

  if (['post', 'put', 'patch'].includes(spec.method)) {
    it.each(hostileBodies)('survives %s as the body', async (what, body) => {
      expectOwnErrorFormat(spec, await send(pathWith(spec, 'REF-ALICE001'), body), what);
    });

    it('refuses a body nested 5,000 levels deep with 400, naming the limit', async () => {
      const res = await send(pathWith(spec, 'REF-ALICE001'), `{"metadata":${'{"a":'.repeat(4999)}1${'}'.repeat(4999)}}`);
      expectOwnErrorFormat(spec, res, 'a body nested 5,000 levels deep');
      const details = spec.dialect === 'capillary' ? res.body.response?.status?.message : `${res.body.message}: ${res.body.details}`;
      expect({ status: res.status, details }).toEqual({ status: 400, details: 'Invalid payload: The body is nested deeper than 64 levels' });
    });
  }

  it.each(hostileQueries)('survives the query %s', async (query) => {
    expectOwnErrorFormat(spec, await send(`${pathWith(spec, 'REF-ALICE001')}?${query}`, spec.method === 'get' ? undefined : '{}'), query);
  });

  if (spec.path.includes('{')) {
    it.each(hostilePathValues)('survives %s as every path parameter', async (value) => {
      expectOwnErrorFormat(spec, await send(pathWith(spec, value), spec.method === 'get' ? undefined : '{}'), `path ${value.slice(0, 20)}`);
    });
  }
});
