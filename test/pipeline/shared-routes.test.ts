// shareRoutes: two operations on one route (get-export and download-export), told apart by the
// required query parameter of one of them.

import { shareRoutes, type Route } from '../../src/http/pipeline.js';
import type { ParameterSpec } from '../../src/openapi/load.js';

const entry = (operationId: string, path: string, query: string[] = []) => ({
  method: 'get',
  path,
  value: {
    operation: {
      spec: {
        operationId,
        path,
        parameters: [
          ...[...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: {} }) as ParameterSpec),
          ...query.map((name) => ({ name, in: 'query', required: true, schema: {} }) as ParameterSpec),
        ],
      },
    },
  } as unknown as Route,
});

describe('shareRoutes', () => {
  it('keeps routes of their own as they are', () => {
    const entries = [entry('get-export', '/v1/exports/{exportId}'), entry('list-exports', '/v1/exports')];
    expect(shareRoutes(entries)).toEqual(entries);
    expect(entries[0].value.alternatives).toBeUndefined();
  });

  it('makes the operation with a required query parameter an alternative of the one without, with its own parameter names', () => {
    const get = entry('get-export', '/v1/exports/{exportId}');
    const download = entry('download-export', '/v1/exports/{export_Id}', ['token']);
    expect(shareRoutes([download, get])).toEqual([get]);
    expect(get.value.alternatives).toEqual([{ route: download.value, query: ['token'], names: ['export_Id'] }]);
  });

  it('refuses two operations on one route that nothing tells apart', () => {
    expect(() => shareRoutes([entry('a', '/v1/x/{id}'), entry('b', '/v1/x/{other}')])).toThrow('mock-voucherify: a, b share a route; exactly one of them must take no required query parameter');
  });
});
