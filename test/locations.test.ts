// Locations: seeded by the fixtures (the `locations` collection), listed and read by
// GET /v1/locations(/{locationId}); a fixture location with a broken shape is refused at start.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureError, loadFixtures, type MockApp } from '../src/index.js';
import { client, expectError, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

const circle = (id: string, name: string, created_at: string, updated_at: string | null = null) => ({
  id,
  object: 'location',
  name,
  shape: { type: 'circle', format: 'distance', distance: { center: 'geo:50.061389,19.937222', radius: '1.20 km' } },
  created_at,
  updated_at,
});
const krakow = circle('loc_KrakowOldTown0000000001', 'Krakow Old Town', '2026-01-05T10:00:00.000Z');
const gdansk = circle('loc_GdanskMainTown000000002', 'Gdansk Main Town', '2026-02-10T10:00:00.000Z', '2026-06-01T00:00:00.000Z');
const poznan = circle('loc_PoznanCentre00000000003', 'Poznan Centre', '2026-03-15T10:00:00.000Z', '2026-04-01T00:00:00.000Z');
const silesia = {
  id: 'loc_SilesiaPolygon000000004',
  object: 'location',
  name: 'Upper Silesia',
  shape: {
    type: 'polygon',
    format: 'geojson',
    geojson: { type: 'Polygon', coordinates: [[[18.67, 50.29], [19.12, 50.33], [19.05, 50.21], [18.67, 50.29]]] },
  },
  created_at: '2026-04-20T10:00:00.000Z',
  updated_at: null,
};
const ours = [krakow, gdansk, poznan, silesia];

const dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-locations-'));
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
};

let app: MockApp;
let api: Agent;
beforeAll(async () => {
  app = await testApp({ fixtures: write('locations.json', { locations: ours }) });
  api = client(app, 'locations-tenant');
});

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  return res.body;
}

const names = (body: Json) => body.data.map((l: Json) => l.name);

describe('GET /v1/locations', () => {
  it('lists every location, newest first, in the reference envelope', async () => {
    const body = await ok(api.get('/v1/locations'));
    expect(body).toEqual({ object: 'list', data_ref: 'data', data: [silesia, poznan, gdansk, krakow], total: 4, has_more: false });
  });

  it('orders by creation or update time', async () => {
    expect(names(await ok(api.get('/v1/locations?order=created_at')))).toEqual(['Krakow Old Town', 'Gdansk Main Town', 'Poznan Centre', 'Upper Silesia']);
    // Locations never updated (null) come after every updated one when descending.
    expect(names(await ok(api.get('/v1/locations?order=-updated_at')))).toEqual(['Gdansk Main Town', 'Poznan Centre', 'Upper Silesia', 'Krakow Old Town']);
  });

  it('answers the first `limit` matches, with has_more and the total of matches', async () => {
    const body = await ok(api.get('/v1/locations?limit=2'));
    expect(names(body)).toEqual(['Upper Silesia', 'Poznan Centre']);
    expect({ total: body.total, has_more: body.has_more }).toEqual({ total: 4, has_more: true });
  });

  it('filters by name, created_at and updated_at, joined by junction', async () => {
    expect(names(await ok(api.get('/v1/locations?filters[name][conditions][$starts_with]=Gdansk')))).toEqual(['Gdansk Main Town']);
    expect(names(await ok(api.get('/v1/locations?filters[created_at][conditions][$before]=2026-03-01T00:00:00.000Z')))).toEqual(['Gdansk Main Town', 'Krakow Old Town']);
    expect(names(await ok(api.get('/v1/locations?filters[updated_at][conditions][$is_unknown]=')))).toEqual(['Upper Silesia', 'Krakow Old Town']);
    const or = await ok(
      api.get('/v1/locations?filters[junction]=or&filters[name][conditions][$is]=Poznan Centre&filters[created_at][conditions][$after]=2026-04-01T00:00:00.000Z'),
    );
    expect(names(or)).toEqual(['Upper Silesia', 'Poznan Centre']);
  });

  it('end_date keeps the locations created at or before it', async () => {
    expect(names(await ok(api.get('/v1/locations?end_date=2026-02-10T10:00:00.000Z')))).toEqual(['Gdansk Main Town', 'Krakow Old Town']);
  });

  it('refuses a limit out of range and an unknown order', async () => {
    const big = expectError(await api.get('/v1/locations?limit=101'), 400, 'invalid_query_params', 'Invalid query params');
    expect(big.details).toMatch(/limit/);
    const order = expectError(await api.get('/v1/locations?order=name'), 400, 'invalid_query_params', 'Invalid query params');
    expect(order.details).toMatch(/order/);
  });
});

describe('GET /v1/locations/{locationId}', () => {
  it('reads a circle and a polygon', async () => {
    expect(await ok(api.get(`/v1/locations/${krakow.id}`))).toEqual(krakow);
    expect(await ok(api.get(`/v1/locations/${silesia.id}`))).toEqual(silesia);
  });

  it('an unknown id is 404 not_found naming the location', async () => {
    const body = expectError(await api.get('/v1/locations/loc_unknown'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find location with id loc_unknown', resource_id: 'loc_unknown', resource_type: 'location' });
  });
});

describe('the default fixtures', () => {
  it('hold a few locations every tenant can read', async () => {
    const defaults = client(await testApp(), 'default-locations');
    const body = await ok(defaults.get('/v1/locations'));
    expect(body.total).toBeGreaterThanOrEqual(2);
    for (const location of body.data) expect(await ok(defaults.get(`/v1/locations/${location.id}`))).toEqual(location);
  });
});

describe('locations in fixture files', () => {
  it.each([
    ['a location without a name', { ...krakow, name: '' }, /loc_KrakowOldTown0000000001 has no name/],
    ['a circle without a geo: centre', { ...krakow, shape: { type: 'circle', format: 'distance', distance: { center: '50,19', radius: '1 km' } } }, /has a circle shape without/],
    ['a polygon without geojson', { ...silesia, shape: { type: 'polygon', format: 'geojson' } }, /has a polygon shape without/],
    ['a shape of another type', { ...krakow, shape: { type: 'square' } }, /has a shape whose type is neither circle nor polygon/],
  ])('refuses %s', (_case, location, message) => {
    const file = write('bad.json', { locations: [location] });
    expect(() => loadFixtures(file)).toThrow(FixtureError);
    expect(() => loadFixtures(file)).toThrow(message);
  });
});
