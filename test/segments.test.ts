// Segments: create (static, auto-update, passive), list, get, delete, and the segments a customer
// belongs to (GET /v1/customers/{customerId}/segments), which follow the customer's current data.

import type { MockApp } from '../src/index.js';
import { FILTER_CONDITIONS } from '../src/domain/filters.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'segments-tenant');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect(res.status).toBe(status);
  return res.body;
}

const SEGMENT_ID = /^seg_[A-Za-z0-9]{24}$/;
const createSegment = (body: Json) => ok(api.post('/v1/segments', body));
const createCustomer = (body: Json) => ok(api.post('/v1/customers', body));
const segmentsOf = async (customer: string) => (await ok(api.get(`/v1/customers/${encodeURIComponent(customer)}/segments`))).data.map((s: Json) => s.name);

const goldFilter = { junction: 'and', 'metadata.tier': { conditions: { $in: ['gold'] } } };

describe('POST /v1/segments', () => {
  it('creates a static segment of customers named by id or source_id, without showing them', async () => {
    const ann = await createCustomer({ source_id: 'ann' });
    await createCustomer({ source_id: 'bob' });
    const segment = await createSegment({ name: 'Picked', type: 'static', customers: [ann.id, 'bob'] });
    expect(segment).toEqual({
      id: expect.stringMatching(SEGMENT_ID),
      name: 'Picked',
      created_at: NOW.toISOString(),
      type: 'static',
      filter: null,
      initial_sync_status: 'DONE',
      object: 'segment',
    });
    expect(await segmentsOf('ann')).toEqual(['Picked']);
    expect(await segmentsOf('bob')).toEqual(['Picked']);
  });

  it('makes a segment static when no type is given', async () => {
    expect(await createSegment({ name: 'Empty' })).toMatchObject({ type: 'static', filter: null });
  });

  it('creates an auto-update segment with its filter as sent', async () => {
    const segment = await createSegment({ name: 'Gold', type: 'auto-update', filter: goldFilter });
    expect(segment).toEqual({
      id: expect.stringMatching(SEGMENT_ID),
      name: 'Gold',
      created_at: NOW.toISOString(),
      type: 'auto-update',
      filter: goldFilter,
      initial_sync_status: 'DONE',
      object: 'segment',
    });
  });

  it('creates a passive segment, which finds its customers by its filter too', async () => {
    await createCustomer({ source_id: 'ann', metadata: { tier: 'gold' } });
    expect(await createSegment({ name: 'Quiet gold', type: 'passive', filter: goldFilter })).toMatchObject({ type: 'passive' });
    expect(await segmentsOf('ann')).toEqual(['Quiet gold']);
  });

  it('answers 404 customer for a static segment naming an unknown customer, and creates nothing', async () => {
    await createCustomer({ source_id: 'ann' });
    const error = expectError(await api.post('/v1/segments', { name: 'Broken', type: 'static', customers: ['ann', 'cust_nobody'] }), 404, 'not_found', 'Resource not found');
    expect(error).toMatchObject({ details: 'Cannot find customer with id cust_nobody', resource_type: 'customer', resource_id: 'cust_nobody' });
    expect(await ok(api.get('/v1/segments'))).toMatchObject({ data: [], total: 0 });
  });

  const known = FILTER_CONDITIONS.join(', ');
  it.each([
    ['without a name', { type: 'static' }, "Payload must have required property 'name'"],
    ['with an unknown type', { name: 'S', type: 'dynamic' }, 'Property .type must be equal to one of the allowed values [ static, auto-update, passive ]'],
    ['static, with a filter', { name: 'S', type: 'static', filter: goldFilter }, "Property 'filter' is for auto-update and passive segments; a static segment lists its customers"],
    ['auto-update, without a filter', { name: 'S', type: 'auto-update' }, "Property 'filter' is required for auto-update segments"],
    ['auto-update, with customers', { name: 'S', type: 'auto-update', filter: goldFilter, customers: ['x'] }, "Property 'customers' is for static segments; an auto-update or passive segment finds its customers by its filter"],
    ['with an unknown condition', { name: 'S', type: 'auto-update', filter: { birthdate: { conditions: { $next_fortnight: [true] } } } }, `Unknown condition $next_fortnight in filter.birthdate; the conditions are ${known}`],
    ['with a field without conditions', { name: 'S', type: 'auto-update', filter: { 'metadata.tier': 'gold' } }, 'filter.metadata.tier must be an object with conditions, e.g. {"conditions": {"$is": "value"}}'],
    ['with an unknown junction', { name: 'S', type: 'auto-update', filter: { junction: 'nor' } }, 'Property .filter.junction must be equal to one of the allowed values [ and, or, AND, OR ]'],
    ['with a number condition given a word', { name: 'S', type: 'passive', filter: { 'metadata.age': { conditions: { $more_than: 'old' } } } }, 'filter.metadata.age.conditions.$more_than must be a number'],
  ])('answers 400 invalid_payload %s, and creates nothing', async (_case, body, details) => {
    const error = expectError(await api.post('/v1/segments', body), 400, 'invalid_payload', 'Invalid payload');
    expect(error.details).toBe(details);
    expect(await ok(api.get('/v1/segments'))).toMatchObject({ total: 0 });
  });
});

describe('GET /v1/segments/{segmentId}', () => {
  it('answers the segment as it was created', async () => {
    const segment = await createSegment({ name: 'Gold', type: 'auto-update', filter: goldFilter });
    expect(await ok(api.get(`/v1/segments/${segment.id}`))).toEqual(segment);
  });

  it('answers 404 for an unknown id', async () => {
    const error = expectError(await api.get('/v1/segments/seg_Mv5w1b2FIEbiCCO5ioT8TfI'), 404, 'not_found', 'Resource not found');
    expect(error).toMatchObject({ details: 'Cannot find segment with id seg_Mv5w1b2FIEbiCCO5ioT8TfI', resource_type: 'segment', resource_id: 'seg_Mv5w1b2FIEbiCCO5ioT8TfI' });
  });
});

describe('GET /v1/segments', () => {
  it('lists segments newest first by default, oldest first with order=created_at, at most limit of them', async () => {
    const a = await createSegment({ name: 'A' });
    const b = await createSegment({ name: 'B', type: 'auto-update', filter: goldFilter });
    const c = await createSegment({ name: 'C' });
    expect(await ok(api.get('/v1/segments'))).toEqual({ object: 'list', data_ref: 'data', data: [c, b, a], total: 3 });
    expect((await ok(api.get('/v1/segments?order=created_at'))).data.map((s: Json) => s.name)).toEqual(['A', 'B', 'C']);
    expect(await ok(api.get('/v1/segments?limit=2'))).toMatchObject({ data: [c, b], total: 3 });
  });

  it('keeps the segments the ids and filters name', async () => {
    const a = await createSegment({ name: 'Alpha' });
    const b = await createSegment({ name: 'Beta', type: 'auto-update', filter: goldFilter });
    await createSegment({ name: 'Gamma' });
    expect((await ok(api.get(`/v1/segments?ids=${a.id}&ids=${b.id}`))).data.map((s: Json) => s.name)).toEqual(['Beta', 'Alpha']);
    expect(await ok(api.get('/v1/segments?filters[type][conditions][$is]=static'))).toMatchObject({ total: 2 });
    expect((await ok(api.get('/v1/segments?filters[name][conditions][$starts_with]=Be'))).data).toEqual([b]);
    expect((await ok(api.get(`/v1/segments?filters[created_at][conditions][$before]=${encodeURIComponent(NOW.toISOString())}`))).total).toBe(0);
  });

  it('answers 400 for a limit over 100', async () => {
    const error = expectError(await api.get('/v1/segments?limit=101'), 400, 'invalid_query_params', 'Invalid query params');
    expect(error.details).toBe('Property .limit must be <= 100');
  });
});

describe('DELETE /v1/segments/{segmentId}', () => {
  it('deletes the segment: 204, then 404, and customers are no longer in it', async () => {
    await createCustomer({ source_id: 'ann' });
    const segment = await createSegment({ name: 'Gone', customers: ['ann'] });
    const res = await api.delete(`/v1/segments/${segment.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectError(await api.get(`/v1/segments/${segment.id}`), 404, 'not_found', 'Resource not found');
    expect(await segmentsOf('ann')).toEqual([]);
  });

  it('answers 404 for an unknown id', async () => {
    const error = expectError(await api.delete('/v1/segments/seg_DNAOhUtJffvX0f57ajLMFBY'), 404, 'not_found', 'Resource not found');
    expect(error).toMatchObject({ resource_type: 'segment', resource_id: 'seg_DNAOhUtJffvX0f57ajLMFBY' });
  });
});

describe('GET /v1/customers/{customerId}/segments', () => {
  it('lists the static and auto-update segments the customer is in, oldest first', async () => {
    const ann = await createCustomer({ source_id: 'ann', email: 'ann@shop.example', metadata: { tier: 'gold' }, address: { country: 'Poland' } });
    const picked = await createSegment({ name: 'Picked', customers: ['ann'] });
    const gold = await createSegment({ name: 'Gold', type: 'auto-update', filter: goldFilter });
    await createSegment({ name: 'Germany', type: 'auto-update', filter: { 'address.country': { conditions: { $is: 'Germany' } } } });
    const shop = await createSegment({ name: 'Shop mail', type: 'auto-update', filter: { email: { conditions: { $ends_with: '@shop.example' } } } });
    const expected = {
      object: 'list',
      data_ref: 'data',
      data: [picked, gold, shop].map((s) => ({ id: s.id, name: s.name, object: 'segment' })),
      total: 3,
    };
    expect(await ok(api.get(`/v1/customers/${ann.id}/segments`))).toEqual(expected);
    expect(await ok(api.get('/v1/customers/ann/segments'))).toEqual(expected);
  });

  it('follows the customer: they enter and leave auto-update segments as their data changes', async () => {
    await createCustomer({ source_id: 'bob', metadata: { tier: 'silver' } });
    await createSegment({ name: 'Gold', type: 'auto-update', filter: goldFilter });
    await createSegment({ name: 'Gold or Berlin', type: 'auto-update', filter: { junction: 'OR', 'metadata.tier': { conditions: { $is: 'gold' } }, 'address.city': { conditions: { $is: 'Berlin' } } } });
    expect(await segmentsOf('bob')).toEqual([]);
    await ok(api.put('/v1/customers/bob', { metadata: { tier: 'gold' } }));
    expect(await segmentsOf('bob')).toEqual(['Gold', 'Gold or Berlin']);
    await ok(api.put('/v1/customers/bob', { metadata: { tier: 'bronze' }, address: { city: 'Berlin' } }));
    expect(await segmentsOf('bob')).toEqual(['Gold or Berlin']);
  });

  it('reads the customer as the API shows it: loyalty points from the cards they hold', async () => {
    // The fixtures give bob-shopper a loyalty card with 250 points; alice-referrer holds none.
    await createSegment({ name: 'Points', type: 'auto-update', filter: { 'loyalty.points': { conditions: { $more_than_equal: 250 } } } });
    expect(await segmentsOf('bob-shopper')).toEqual(['Points']);
    expect(await segmentsOf('alice-referrer')).toEqual([]);
    await ok(api.post('/v1/loyalties/members/LC-00000004/balance', { points: -1 }));
    expect(await segmentsOf('bob-shopper')).toEqual([]);
  });

  it('keeps a static segment as it was made, whatever the customer becomes', async () => {
    await createCustomer({ source_id: 'cid', metadata: { tier: 'gold' } });
    await createSegment({ name: 'Picked', customers: ['cid'] });
    await ok(api.put('/v1/customers/cid', { metadata: { tier: 'none' } }));
    expect(await segmentsOf('cid')).toEqual(['Picked']);
  });

  it('reads date conditions against the clock: created less than a day ago', async () => {
    await createCustomer({ source_id: 'new' });
    await createSegment({ name: 'Recent', type: 'auto-update', filter: { created_at: { conditions: { $less_than: 1 } } } });
    await createSegment({ name: 'Old', type: 'auto-update', filter: { created_at: { conditions: { $before: ['2020-01-01T00:00:00.000Z'] } } } });
    expect(await segmentsOf('new')).toEqual(['Recent']);
  });

  it('answers for an unknown customer the segments a new customer of that source_id would be in', async () => {
    await createCustomer({ source_id: 'known' });
    await createSegment({ name: 'Picked', customers: ['known'] });
    await createSegment({ name: 'Guests', type: 'auto-update', filter: { source_id: { conditions: { $starts_with: 'guest-' } } } });
    await createSegment({ name: 'No email', type: 'auto-update', filter: { email: { conditions: { $is_unknown: '' } } } });
    expect(await ok(api.get('/v1/customers/guest-17/segments'))).toMatchObject({ total: 2 });
    expect(await segmentsOf('guest-17')).toEqual(['Guests', 'No email']);
    expect(await segmentsOf('someone-else')).toEqual(['No email']);
  });
});

describe('GET /v1/customers?segment_id=…', () => {
  it("lists a segment's customers as they are now", async () => {
    const ann = await createCustomer({ source_id: 'ann', metadata: { tier: 'gold' } });
    const bob = await createCustomer({ source_id: 'bob', metadata: { tier: 'silver' } });
    const gold = await createSegment({ name: 'Gold', type: 'auto-update', filter: goldFilter });
    const picked = await createSegment({ name: 'Picked', customers: ['bob'] });
    const idsIn = async (segmentId: string) => (await ok(api.get(`/v1/customers?segment_id=${segmentId}`))).customers.map((c: Json) => c.id);
    expect(await idsIn(gold.id)).toEqual([ann.id]);
    expect(await idsIn(picked.id)).toEqual([bob.id]);
    await ok(api.put('/v1/customers/bob', { metadata: { tier: 'gold' } }));
    expect(await idsIn(gold.id)).toEqual([bob.id, ann.id]);
    expect(await ok(api.get('/v1/customers?segment_id=seg_unknown'))).toMatchObject({ customers: [], total: 0 });
  });
});
