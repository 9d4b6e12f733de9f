// Names the caller chooses (tenants, ids, codes, campaign names, charsets, metadata keys, query and
// filter keys) that are also names on Object.prototype: "__proto__", "constructor", "toString".
// Each is a name like any other, on every route.

import request from 'supertest';
import { loadSpecs, type OperationSpec } from '../src/openapi/load.js';
import { defaultSpecsDir } from '../src/package-root.js';
import { FIXTURE, client, testApp, type Agent } from './helpers.js';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

describe('loyalty programs named after Object.prototype members', () => {
  it.each(PROTOTYPE_NAMES)('show up in a member\'s loyalty.campaigns under the name "%s"', async (name) => {
    expect((await api.post('/v1/loyalties', { name, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } })).status).toBe(200);
    const joined = await api.post(`/v1/loyalties/${encodeURIComponent(name)}/members`, { customer: { source_id: `member-of-${name}` } });
    expect(joined.status).toBe(200);
    expect((await api.post(`/v1/loyalties/members/${joined.body.code}/balance`, { points: 25 })).status).toBe(200);

    const res = await api.get(`/v1/customers/member-of-${name}`);
    expect(res.status).toBe(200);
    const campaigns = res.body.loyalty.campaigns;
    expect(Object.keys(campaigns)).toContain(name);
    expect(Object.getOwnPropertyDescriptor(campaigns, name)?.value).toEqual({ points: 25, referred_customers: 0 });
    // Nothing reached the prototype every object shares.
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).points).toBeUndefined();
  });
});

describe('code_config.charset named after an Object.prototype member', () => {
  it.each(['constructor', 'toString'])('"%s" is the set of characters codes are drawn from', async (charset) => {
    const res = await api.post('/v1/campaigns', {
      name: `Charset ${charset}`,
      campaign_type: 'DISCOUNT_COUPONS',
      vouchers_count: 3,
      voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, code_config: { charset, length: 6 } },
    });
    expect(res.status).toBe(200);
    const list = await api.get(`/v1/vouchers?campaign=${encodeURIComponent(`Charset ${charset}`)}`);
    expect(list.body.vouchers).toHaveLength(3);
    for (const voucher of list.body.vouchers) expect(voucher.code).toMatch(new RegExp(`^[${charset}]{6}$`));
  });
});

describe('filters on a field named after an Object.prototype member', () => {
  it.each([
    ['/v1/publications'],
    ['/v1/campaigns'],
    ['/v1/redemptions'],
    ['/v1/referrals/members/REF-ALICE001/holders'],
    ['/v1/customers/alice-referrer/redeemables'],
  ])('%s: no record has such a field', async (path) => {
    const redeemed = await api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: FIXTURE.discountCode }], order: { amount: 2000 } });
    expect(redeemed.status).toBe(200);
    const all = await api.get(path);
    expect(all.body.total).toBeGreaterThan(0);
    for (const name of ['toString', 'constructor', 'valueOf']) {
      const present = await api.get(`${path}?filters[${name}][conditions][$has_value]=true`);
      expect({ name, status: present.status, total: present.body.total }).toEqual({ name, status: 200, total: 0 });
      const unknown = await api.get(`${path}?filters[${name}][conditions][$is_unknown]=true`);
      expect({ name, status: unknown.status, total: unknown.body.total }).toEqual({ name, status: 200, total: all.body.total });
    }
  });
});

describe('metadata keys named after Object.prototype members', () => {
  it('are kept and merged as own keys', async () => {
    const metadata = JSON.parse('{"__proto__": {"a": 1}, "constructor": "c", "toString": "t"}');
    expect((await api.post('/v1/customers', { source_id: 'meta-keys', metadata })).status).toBe(200);
    const update = await api.put('/v1/customers/meta-keys', JSON.parse('{"metadata": {"__proto__": {"b": 2}, "valueOf": 1}}'));
    expect(update.status).toBe(200);
    const res = await api.get('/v1/customers/meta-keys');
    expect(res.status).toBe(200);
    const kept = JSON.parse(res.text).metadata;
    expect(Object.keys(kept)).toEqual(['__proto__', 'constructor', 'toString', 'valueOf']);
    expect(JSON.stringify(kept)).toBe('{"__proto__":{"b":2},"constructor":"c","toString":"t","valueOf":1}');
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
  });
});

describe('every operation, with Object.prototype names as tenant, ids, query keys and body keys', () => {
  const operationsLoaded = loadSpecs(defaultSpecsDir);
  const pathWith = (spec: OperationSpec, value: string) => spec.path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
  const body = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "metadata": {"__proto__": 1, "toString": "t"}}';

  it.each(PROTOTYPE_NAMES)('answers "%s" without a 5xx, in the operation\'s own error format', async (name) => {
    const { operations } = await operationsLoaded;
    const app = await testApp();
    const failures: string[] = [];
    for (const spec of operations) {
      const credentials =
        spec.dialect === 'capillary'
          ? [{ Authorization: `Basic ${Buffer.from(`${name}:secret`).toString('base64')}` }, { Authorization: `Bearer ${name}` }]
          : [{ 'X-App-Id': name, 'X-App-Token': 't' }, { Authorization: `Bearer ${name}` }];
      for (const headers of credentials) {
        const path = `${pathWith(spec, name)}?${name}=1&${name}[${name}]=2&filters[${name}][conditions][$is]=x`;
        let req = request(app)[spec.method](path).set(headers);
        if (spec.method !== 'get' && spec.method !== 'delete') req = req.set('Content-Type', 'application/json').send(body);
        const res = await req;
        const shaped =
          res.status < 400 ||
          (spec.dialect === 'capillary' && res.body.response?.status?.code === res.status) ||
          (res.body.code === res.status && typeof res.body.key === 'string');
        if (res.status >= 500 || !shaped) failures.push(`${spec.method.toUpperCase()} ${path} as ${JSON.stringify(headers)}: ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Two requests per operation, one after another: more than the default 5 s on a busy machine.
  }, 60_000);
});
