// Requests Voucherify accepts and the mock once refused: nulls the answers themselves show, bodies
// that are JSON but no object, customers given by email or name only, vouchers and campaigns whose
// type is implied, filters on the voucher list, and answers shaped as the official schemas have them.
// Driven through the official SDK where it has the method; what stays refused is asserted whole.

import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { FIXTURE, as, client, expectError, testApp, type Agent } from './helpers.js';
import { sdkAgainstMock, sdkError } from './support/sdk.js';

type Json = Record<string, any>;

const sdk = sdkAgainstMock('sdk-leniency', 13);

let app: Awaited<ReturnType<typeof testApp>>;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

describe('nulls the answers show are accepted back', () => {
  it('publishes to a customer sent back as GET /v1/customers/{id} answers it (name, email, address null)', async () => {
    const created = (await sdk.client.customers.create({ source_id: 'round-trip' })) as Json;
    const customer = (await sdk.client.customers.get(created.id)) as Json;
    expect(customer).toMatchObject({ name: null, email: null, address: null });

    const publication = (await sdk.client.distributions.publications.create({
      campaign: { name: FIXTURE.discountCampaign },
      customer,
      channel: null,
      metadata: null,
    } as never)) as Json;
    expect(publication).toMatchObject({ customer_id: created.id, channel: 'API', metadata: {}, source_id: null, tracking_id: 'round-trip' });
    // Nothing of the customer changed: the nulls it was sent with are the values it had.
    expect(await sdk.client.customers.get(created.id)).toMatchObject({ name: null, email: null, address: null, source_id: 'round-trip' });
  });

  it('takes the same customer object in an order, a validation and a redemption', async () => {
    const customer = (await api.get(`/v1/customers/${FIXTURE.customerSourceIds[0]}`)).body as Json;
    const order = { amount: 10000, customer };
    const created = await api.post('/v1/orders', order);
    expect(created.status).toBe(200);
    expect(created.body.customer_id).toBe(customer.id);
    const validation = await api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: FIXTURE.discountCode }], customer, order: { amount: 10000 } });
    expect(validation.status).toBe(200);
    expect(validation.body.valid).toBe(true);
    const redemption = await api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: FIXTURE.discountCode }], customer, order: { amount: 10000 } });
    expect(redemption.status).toBe(200);
    expect(redemption.body.redemptions[0]).toMatchObject({ result: 'SUCCESS', customer_id: customer.id });
  });

  it('clears a customer field sent as null, and its metadata with metadata: null', async () => {
    const created = (await sdk.client.customers.create({ source_id: 'to-clear', name: 'Ann', phone: '+48 500', metadata: { tier: 'gold' } })) as Json;
    const updated = (await sdk.client.customers.update({ id: created.id, name: null, phone: null, metadata: null } as never)) as Json;
    expect(updated).toMatchObject({ id: created.id, name: null, source_id: 'to-clear' });
    expect(updated).not.toHaveProperty('phone');
    expect(updated).not.toHaveProperty('metadata');
  });

  it('clears a campaign expiration_date sent as null (PUT /v1/campaigns/{id})', async () => {
    const dated = await sdk.client.campaigns.update(FIXTURE.discountCampaign, { expiration_date: '2027-01-31T00:00:00.000Z' } as never);
    expect(dated).toMatchObject({ expiration_date: '2027-01-31T00:00:00.000Z' });
    const cleared = (await sdk.client.campaigns.update(FIXTURE.discountCampaign, { expiration_date: null, description: null } as never)) as Json;
    expect(cleared).not.toHaveProperty('expiration_date');
    expect(cleared).not.toHaveProperty('description');
    // The campaign's unpublished vouchers lose the date too.
    expect((await sdk.client.vouchers.get(FIXTURE.discountCode)).expiration_date).toBeNull();
  });

  it('takes null for a voucher category, a campaign voucher date and a loyalty member publication source_id', async () => {
    const voucher = await api.post('/v1/vouchers/NULLS-1', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, category: null, metadata: null });
    expect(voucher.status).toBe(200);
    expect(voucher.body).toMatchObject({ code: 'NULLS-1', category: null, metadata: {} });
    const added = await api.post(`/v1/campaigns/${encodeURIComponent(FIXTURE.discountCampaign)}/vouchers`, { expiration_date: null, additional_info: null });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ campaign: FIXTURE.discountCampaign, expiration_date: null });
    const member = await api.post('/v1/loyalties/Loyalty%20Club/members', { customer: { source_id: 'member-nulls', name: null }, source_id: null, channel: null, metadata: null });
    expect(member.status).toBe(200);
  });

  it('still refuses null where no answer shows it: a customer id', async () => {
    const body = expectError(await api.post('/v1/customers', { id: null }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Property .id must be string');
  });
});

describe('a body that is JSON but no object', () => {
  const raw = (path: string, text: string) => request(app).post(path).set(as('test-tenant')).set('Content-Type', 'application/json').send(text);

  it.each([
    ['5', 'a number'],
    ['"five"', 'a string'],
    ['true', 'a boolean'],
    ['null', 'null'],
    ['[5]', 'an array'],
  ])('answers invalid_payload naming the object an operation takes, for %s', async (text, shape) => {
    const body = expectError(await raw(`/v1/campaigns/${encodeURIComponent(FIXTURE.discountCampaign)}/vouchers`, text), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe(`Payload must be a JSON object, not ${shape}`);
  });

  it('names the array a bulk update takes', async () => {
    const body = expectError(await raw('/v1/products/bulk/async', '{"source_id": "X"}'), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Payload must be a JSON array, not an object');
    const number = expectError(await raw('/v1/products/bulk/async', '7'), 400, 'invalid_payload', 'Invalid payload');
    expect(number.details).toBe('Payload must be a JSON array, not a number');
  });

  it('still calls broken JSON invalid JSON', async () => {
    const body = expectError(await raw('/v1/customers', '{"source_id": '), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toMatch(/^Invalid JSON: /);
  });

  it('passes the refusal on through the SDK (campaigns.addVoucher with a number for a body)', async () => {
    const error = await sdkError(sdk.client.campaigns.addVoucher(FIXTURE.discountCampaign, 5 as never));
    expect(error).toMatchObject({ code: 400, key: 'invalid_payload', message: 'Invalid payload' });
    // What the mock was sent decides the details: a number as JSON, or no JSON body at all.
    expect(error.details).toMatch(/^Payload must be a JSON object/);
  });
});

describe('a customer given only by email or name', () => {
  it('publishes to a new customer made from an email, with no source_id', async () => {
    const publication = (await sdk.client.distributions.publications.create({ campaign: { name: FIXTURE.discountCampaign }, customer: { email: 'new@example.com' } })) as Json;
    expect(publication).toMatchObject({ result: 'SUCCESS', tracking_id: null, customer: { email: 'new@example.com', source_id: null, object: 'customer' } });
    const customer = await sdk.client.customers.get(publication.customer_id);
    expect(customer).toMatchObject({ id: publication.customer_id, email: 'new@example.com', source_id: null });
  });

  it('makes a loyalty member of a customer given by name', async () => {
    const card = (await sdk.client.loyalties.createMember('Loyalty Club', { customer: { name: 'Nameonly Member' } } as never)) as Json;
    expect(card).toMatchObject({ type: 'LOYALTY_CARD', campaign: 'Loyalty Club' });
    expect(await sdk.client.customers.get(card.holder_id)).toMatchObject({ name: 'Nameonly Member', source_id: null });
  });

  it('each such publication is a customer of its own (nothing to find them by)', async () => {
    const first = await api.post('/v1/publications', { campaign: FIXTURE.discountCampaign, customer: { email: 'twice@example.com' } });
    const second = await api.post('/v1/publications', { campaign: FIXTURE.discountCampaign, customer: { email: 'twice@example.com' } });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.customer_id).not.toBe(second.body.customer_id);
  });

  it('still refuses a customer object that says nothing of the customer', async () => {
    const body = expectError(
      await api.post('/v1/publications', { campaign: FIXTURE.discountCampaign, customer: { metadata: { a: 1 } } }),
      400,
      'invalid_payload',
      'Invalid payload',
    );
    expect(body.details).toBe("Property .customer must have required property 'id', 'source_id', 'email' or 'name'");
  });
});

describe('types implied by what is sent', () => {
  it.each([
    [{ discount: { type: 'PERCENT', percent_off: 10 } }, 'DISCOUNT_VOUCHER'],
    [{ gift: { amount: 5000 } }, 'GIFT_VOUCHER'],
    [{ loyalty_card: { points: 100 } }, 'LOYALTY_CARD'],
  ])('creates a voucher without type from %j', async (part, type) => {
    const voucher = (await sdk.client.vouchers.create({ code: `IMPLIED-${type}`, ...part } as never)) as Json;
    expect(voucher).toMatchObject({ code: `IMPLIED-${type}`, type, campaign: null });
    const generated = await api.post('/v1/vouchers', part);
    expect(generated.status).toBe(200);
    expect(generated.body.type).toBe(type);
  });

  it.each([
    ['a LOYALTY_CARD template', { type: 'LOYALTY_CARD', loyalty_card: { points: 50 } }, 'LOYALTY_PROGRAM', 'LOYALTY_CARD'],
    ['a loyalty_card without type', { loyalty_card: { points: 50 } }, 'LOYALTY_PROGRAM', 'LOYALTY_CARD'],
    ['a GIFT_VOUCHER template', { type: 'GIFT_VOUCHER', gift: { amount: 1000 } }, 'GIFT_VOUCHERS', 'GIFT_VOUCHER'],
    ['a DISCOUNT_VOUCHER template', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 } }, 'DISCOUNT_COUPONS', 'DISCOUNT_VOUCHER'],
  ])('infers campaign_type from %s', async (_name, voucher, campaignType, voucherType) => {
    const campaign = (await sdk.client.campaigns.create({ name: `Implied ${campaignType} ${voucherType}`, vouchers_count: 1, voucher } as never)) as Json;
    expect(campaign).toMatchObject({ campaign_type: campaignType, voucher: { type: voucherType } });
  });

  it('still refuses a voucher with no type and no part to tell it', async () => {
    const body = expectError(await api.post('/v1/vouchers/NO-TYPE', { metadata: { a: 1 } }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe("Payload must have required property 'type' (or one of 'discount', 'gift', 'loyalty_card')");
  });

  it('still refuses a campaign_type that contradicts the template', async () => {
    const body = expectError(
      await api.post('/v1/campaigns', { name: 'Contradiction', campaign_type: 'DISCOUNT_COUPONS', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 1 } } }),
      400,
      'invalid_campaign',
      'Invalid Campaign',
    );
    expect(body.details).toBe("Property 'voucher.type' must be DISCOUNT_VOUCHER for DISCOUNT_COUPONS campaign");
  });
});

describe('GET /v1/vouchers filters', () => {
  const codes = (res: { body: Json }) => (res.body.vouchers as Json[]).map((v) => v.code).sort();

  it('filters by code with $is (through the SDK)', async () => {
    const list = (await sdk.client.vouchers.list({ filters: { code: { conditions: { $is: FIXTURE.discountCode } } } } as never)) as Json;
    expect(list.vouchers.map((v: Json) => v.code)).toEqual([FIXTURE.discountCode]);
    expect(list.total).toBe(1);
  });

  it('filters by type, metadata and numbers, joined by and / or', async () => {
    await api.post('/v1/vouchers/META-1', { discount: { type: 'AMOUNT', amount_off: 100 }, metadata: { shop: 'north' } });
    await api.post('/v1/vouchers/META-2', { gift: { amount: 2500 }, metadata: { shop: 'south' } });
    expect(codes(await api.get('/v1/vouchers?limit=100&filters[metadata.shop][conditions][$is]=north'))).toEqual(['META-1']);
    expect(codes(await api.get('/v1/vouchers?limit=100&filters[gift.amount][conditions][$more_than]=2000&filters[metadata.shop][conditions][$has_value]'))).toEqual(['META-2']);
    const either = await api.get('/v1/vouchers?limit=100&filters[junction]=or&filters[code][conditions][$is]=META-1&filters[code][conditions][$starts_with]=META-2');
    // Two conditions of one field must both hold; or joins fields, so this matches nothing.
    expect(codes(either)).toEqual([]);
    const orJoined = await api.get('/v1/vouchers?limit=100&filters[junction]=or&filters[code][conditions][$is]=META-1&filters[metadata.shop][conditions][$is]=south');
    expect(codes(orJoined)).toEqual(['META-1', 'META-2']);
    const giftCards = await api.get('/v1/vouchers?limit=100&filters[type][conditions][$in][0]=GIFT_VOUCHER');
    expect((giftCards.body.vouchers as Json[]).every((v) => v.type === 'GIFT_VOUCHER')).toBe(true);
    expect(codes(giftCards)).toContain('META-2');
  });

  it('applies filters beside campaign and customer', async () => {
    const res = await api.get(`/v1/vouchers?campaign=${encodeURIComponent(FIXTURE.discountCampaign)}&filters[code][conditions][$is_not]=${FIXTURE.discountCode}`);
    expect(res.status).toBe(200);
    expect(codes(res)).not.toContain(FIXTURE.discountCode);
  });

  it('refuses a field a voucher does not have', async () => {
    const body = expectError(await api.get('/v1/vouchers?filters[colour][conditions][$is]=red'), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toMatch(/^Unknown filter field filters\[colour\]; vouchers are filtered by id, code, campaign, /);
  });

  it('refuses an unknown condition and a field without conditions', async () => {
    const condition = expectError(await api.get('/v1/vouchers?filters[code][conditions][$like]=X'), 400, 'invalid_query_params', 'Invalid query params');
    expect(condition.details).toMatch(/^Unknown condition \$like in filters\.code; the conditions are \$is, /);
    const bare = expectError(await api.get('/v1/vouchers?filters[code]=X'), 400, 'invalid_query_params', 'Invalid query params');
    expect(bare.details).toBe('filters.code must be an object with conditions, e.g. {"conditions": {"$is": "value"}}');
  });
});

describe('answers shaped as Voucherify shapes them', () => {
  it('leaves metadata out of a customer created without it', async () => {
    const created = (await sdk.client.customers.create({ source_id: 'no-metadata' })) as Json;
    expect(created).not.toHaveProperty('metadata');
    expect(await sdk.client.customers.get(created.id)).not.toHaveProperty('metadata');
    const withMetadata = (await sdk.client.customers.create({ source_id: 'has-metadata', metadata: { lang: 'en' } })) as Json;
    expect(withMetadata.metadata).toEqual({ lang: 'en' });
  });

  it('answers a loyalty balance change with operation_type MANUAL', async () => {
    const member = (await sdk.client.loyalties.createMember('Loyalty Club', { customer: { source_id: 'balance-owner' } } as never)) as Json;
    const balance = await sdk.client.loyalties.addOrRemoveCardBalance(member.code, { points: 40 }, 'Loyalty Club');
    expect(balance).toMatchObject({ points: 40, balance: 40 + (member.loyalty_card.balance as number), type: 'loyalty_card', object: 'balance', operation_type: 'MANUAL' });
  });

  it("answers each async action's result as the official schema of its type has it", async () => {
    // What Voucherify's result schema of each type requires, and the type of each field it has.
    const counts = { done_count: { type: 'integer', minimum: 0 }, failed_count: { type: 'integer', minimum: 0 } };
    const imported = { type: 'object', required: ['message', 'failed', 'done_count', 'failed_count'], properties: { message: { type: 'string' }, failed: { type: 'array' }, ...counts } };
    const done = { type: 'object', required: ['message', 'done_count'], properties: { message: { type: 'string' }, done_count: counts.done_count } };
    const bulk = {
      type: 'object',
      required: ['done_count', 'failed_count', 'errors', 'reports', 'reports_available_till'],
      properties: { ...counts, errors: { type: 'array' }, reports: { type: 'array', items: { type: 'string' } }, reports_available_till: { type: 'string', format: 'date-time' } },
    };
    const byType: Record<string, object> = {
      'CAMPAIGN.VOUCHERS_DELETE': done,
      'CAMPAIGN.VOUCHERS_GENERATE': done,
      'CAMPAIGN.VOUCHERS_UPDATE': done,
      'PRODUCTS.BULK_UPDATE': bulk,
      'PRODUCTS.METADATA_UPDATE': bulk,
      'PRODUCTS.IMPORT_CSV': imported,
      'SKUS.IMPORT_CSV': imported,
    };
    const ajv = new Ajv({ strict: false, allErrors: true });
    (addFormats as unknown as (ajv: Ajv) => void)(ajv);
    const schemaOf = (type: string) => {
      expect(byType).toHaveProperty([type]);
      return ajv.compile(byType[type]);
    };
    // Start one action of each type the mock records (the SDK's tenant), and the CSV imports and a campaign's deletion (the app's).
    const campaign = (await sdk.client.campaigns.create({ name: 'Async results', vouchers_count: 3, voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 10 } } } as never)) as Json;
    await sdk.client.campaigns.update(campaign.id, { expiration_date: '2027-05-01T00:00:00.000Z' } as never);
    await sdk.client.products.bulkUpdate([{ source_id: 'bulk-1', name: 'Bulk' }] as never);
    await sdk.client.products.bulkUpdateMetadata({ source_ids: ['bulk-1'], metadata: { a: 1 } } as never);
    const types = new Set<string>();
    for (const summary of ((await sdk.client.asyncActions.list({ limit: 100 } as never)) as Json).async_actions as Json[]) {
      const action = (await sdk.client.asyncActions.get(summary.id)) as Json;
      const validate = schemaOf(action.type);
      expect({ type: action.type, valid: validate(action.result), errors: validate.errors ?? null }).toEqual({ type: action.type, valid: true, errors: null });
      types.add(action.type);
    }
    const upload = (path: string, csv: string) => request(app).post(path).set(as('test-tenant')).attach('file', Buffer.from(csv), 'import.csv');
    const started = [
      await upload('/v1/products/importCSV', 'name,source_id,price\nBall,csv-ball,100\nBad,csv-bad,12.5'),
      await upload('/v1/skus/importCSV', 'product_id,sku,source_id,price\nnope,Ghost,ghost-1,1'),
      await request(app).delete(`/v1/campaigns/${encodeURIComponent(FIXTURE.discountCampaign)}`).set(as('test-tenant')),
    ];
    for (const answer of started) {
      expect(answer.body.async_action_id).toMatch(/^aa_/);
      const action = (await api.get(`/v1/async-actions/${answer.body.async_action_id}`)).body as Json;
      const validate = schemaOf(action.type);
      expect({ type: action.type, valid: validate(action.result), errors: validate.errors ?? null }).toEqual({ type: action.type, valid: true, errors: null });
      types.add(action.type);
    }
    expect([...types].sort()).toEqual([
      'CAMPAIGN.VOUCHERS_DELETE',
      'CAMPAIGN.VOUCHERS_GENERATE',
      'CAMPAIGN.VOUCHERS_UPDATE',
      'PRODUCTS.BULK_UPDATE',
      'PRODUCTS.IMPORT_CSV',
      'PRODUCTS.METADATA_UPDATE',
      'SKUS.IMPORT_CSV',
    ]);
  });
});
