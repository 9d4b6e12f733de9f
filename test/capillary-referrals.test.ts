// Capillary's v1.1 customer referrals (refer invitees, read them back) over the Voucherify referral state.

import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { MockApp } from '../src/index.js';
import { loadFixtures } from '../src/index.js';
import { FIXTURE, NOW, client, testApp, type Agent } from './helpers.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const referralCampaign = fixtures.campaigns.find((c: { name: string }) => c.name === FIXTURE.referralCampaign);
const shikar = fixtures.customers.find((c: { source_id: string }) => c.source_id === '7999836466');
const alice = fixtures.customers.find((c: { source_id: string }) => c.source_id === FIXTURE.referrerSourceId);

const PATH = '/v1.1/customer/referrals';
const TENANT = 'capillary-tenant';
const basic = (user: string, password = 'secret') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let app: MockApp;
/** The Voucherify side of the same tenant. */
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, TENANT);
});

/** Capillary calls: Basic auth whose user name is the tenant. */
const capillary = {
  post: (body: unknown, path = PATH) => request(app).post(path).set('Authorization', basic(TENANT)).send(body as object),
  get: (query: string) => request(app).get(`${PATH}?${query}`).set('Authorization', basic(TENANT)),
};

const SUCCESS = { success: 'true', code: 200, message: 'SUCCESS' };
const REFERRED = { success: 'true', code: 1000, message: 'Refer was successful' };
const INVITED = { success: 'true', code: 1000, message: 'Referrals are invited successfully' };

/** The seed's request example, exactly as documented. */
const seedRequest = {
  root: {
    customer: [
      {
        mobile: '7999836466',
        referrals: {
          campaign_token: 'J0H7Q',
          referral_type: {
            type: 'MOBILE',
            referral: [{ id: '', invited_on: '20240910T16:35:52.pV7BF', name: 'Shikhar', identifier: '7999836416' }],
          },
        },
      },
    ],
  },
};

/** The seed's success answer (the fixture customer is named "shikar", as in the seed). */
const seedAnswer = {
  response: {
    status: SUCCESS,
    customers: {
      customer: [
        {
          email: null,
          mobile: '917999836466',
          external_id: null,
          firstname: 'shikar',
          lastname: '',
          referrals: {
            referral_type: [
              {
                type: 'MOBILE',
                referral: [{ id: '', name: 'Shikhar', identifier: '7999836416', invited_on: '20240910T16:35:52.pV7BF', status: REFERRED }],
              },
            ],
          },
          item_status: INVITED,
        },
      ],
    },
  },
};

interface Referring {
  mobile?: string;
  email?: string;
  token?: string;
  type?: string;
  identifiers: string[];
}

/** One referring customer in the seed's shape. */
function referring({ mobile, email, token = 'J0H7Q', type = 'MOBILE', identifiers }: Referring) {
  return {
    ...(mobile !== undefined ? { mobile } : {}),
    ...(email !== undefined ? { email } : {}),
    referrals: {
      campaign_token: token,
      referral_type: {
        type,
        referral: identifiers.map((identifier, i) => ({ id: '', invited_on: '20240910T16:35:52.pV7BF', name: `Friend ${i}`, identifier })),
      },
    },
  };
}

const body = (...customers: ReturnType<typeof referring>[]) => ({ root: { customer: customers } });

/** The per-invitee statuses and the item status of the answer's customer `index`. */
function statuses(res: request.Response, index = 0) {
  const customer = res.body.response.customers.customer[index];
  return {
    invitees: customer.referrals.referral_type[0].referral.map((r: { status: unknown }) => r.status),
    item: customer.item_status,
  };
}

/** Capillary's envelope for a request that fails as a whole. */
function expectEnvelopeError(res: request.Response, status: number, message: string | RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(Object.keys(res.body)).toEqual(['response']);
  expect(res.body.response).toEqual({ status: { success: 'false', code: status, message: expect.any(String) } });
  if (typeof message === 'string') expect(res.body.response.status.message).toBe(message);
  else expect(res.body.response.status.message).toMatch(message);
}

async function referralsOf(query: string) {
  const res = await capillary.get(query);
  expect(res.status).toBe(200);
  expect(res.body.response.status).toEqual(SUCCESS);
  return res.body.response.customers.customer[0];
}

describe('POST /v1.1/customer/referrals', () => {
  it("answers the seed's request example with the seed's success answer", async () => {
    const res = await capillary.post(seedRequest);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(seedAnswer);
  });

  it('accepts ?format=json and a bearer token', async () => {
    const res = await request(app).post(`${PATH}?format=json`).set('Authorization', `Bearer ${TENANT}`).send(seedRequest);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(seedAnswer);
  });

  it('records the invitation and publishes a referral code to the referrer, visible from the Voucherify endpoints', async () => {
    expect((await capillary.post(seedRequest)).status).toBe(200);

    const referrals = await referralsOf('mobile=7999836466&campaign_token=J0H7Q');
    const code = referrals.referrals.referral_code;
    expect(code).toEqual(expect.any(String));
    expect(referrals.referrals.invitees).toEqual({
      count: 1,
      invitee: [{ type: 'MOBILE', id: '', name: 'Shikhar', identifier: '7999836416', invited_on: '20240910T16:35:52.pV7BF' }],
    });

    // The next free code of "Refer a Friend" (REF-FREE0002) went to shikar, who is now its REFERRER.
    expect(code).toBe(FIXTURE.unpublishedCode);
    const holders = await api.get(`/v1/referrals/members/${code}/holders`);
    expect(holders.status).toBe(200);
    expect(holders.body.data).toEqual([
      expect.objectContaining({ customer_id: shikar.id, holder_role: 'REFERRER', campaign_id: referralCampaign.id, created_at: NOW.toISOString() }),
    ]);
    const voucher = await api.get(`/v1/vouchers/${code}`);
    expect(voucher.body).toMatchObject({ holder_id: shikar.id, referrer_id: shikar.id, publish: { count: 1 } });
    const publications = await api.get(`/v1/publications?customer=${shikar.id}`);
    expect(publications.body.total).toBe(1);

    // A second referral reuses the code: no new publication.
    const again = await capillary.post(body(referring({ mobile: '7999836466', identifiers: ['7999836417'] })));
    expect(statuses(again)).toEqual({ invitees: [REFERRED], item: INVITED });
    expect((await api.get(`/v1/publications?customer=${shikar.id}`)).body.total).toBe(1);
    expect((await referralsOf('mobile=7999836466&campaign_token=J0H7Q')).referrals.invitees.count).toBe(2);
  });

  it('uses the code the referrer already holds (alice holds REF-ALICE001), found by email', async () => {
    const res = await capillary.post(body(referring({ email: 'ALICE@example.com', type: 'EMAIL', identifiers: ['friend@example.org'] })));
    expect(res.status).toBe(200);
    expect(res.body.response.customers.customer[0]).toMatchObject({ email: 'alice@example.com', mobile: null, firstname: 'Alice', lastname: 'Referrer' });
    expect(statuses(res)).toEqual({ invitees: [REFERRED], item: INVITED });
    const referrals = await referralsOf('email=alice@example.com&campaign_token=J0H7Q');
    expect(referrals.referrals.referral_code).toBe(FIXTURE.publishedCode);
    expect(referrals.referrals.invitees.invitee.map((i: { identifier: string }) => i.identifier)).toEqual(['friend@example.org']);
    expect((await api.get(`/v1/vouchers/${FIXTURE.unpublishedCode}`)).body).not.toHaveProperty('holder_id');
  });

  it('finds the campaign by its id and by its name as well as by its token', async () => {
    for (const [token, identifier] of [
      [referralCampaign.id, '7000000001'],
      [referralCampaign.name, '7000000002'],
    ]) {
      const res = await capillary.post(body(referring({ mobile: '7999836466', token, identifiers: [identifier] })));
      expect(statuses(res)).toEqual({ invitees: [REFERRED], item: INVITED });
    }
    expect((await referralsOf(`mobile=7999836466&campaign_token=${referralCampaign.id}`)).referrals.invitees.count).toBe(2);
  });

  it('matches a stored number with a country code, and a sent one with a country code', async () => {
    const withCode = await capillary.post(body(referring({ mobile: '+91 7999836466', identifiers: ['7000000003'] })));
    expect(withCode.body.response.customers.customer[0].mobile).toBe('917999836466');
    expect(statuses(withCode).item).toEqual(INVITED);
    // alice's phone is +48500100200; the number without its country code finds her.
    const alicesCode = await capillary.post(body(referring({ mobile: '48500100200', identifiers: ['7000000004'] })));
    expect(alicesCode.body.response.customers.customer[0]).toMatchObject({ mobile: alice.phone, firstname: 'Alice' });
    expect(statuses(alicesCode).item).toEqual(INVITED);
  });

  it("answers 1701 for the seed's invalid identifier, with item 1000, and records nothing", async () => {
    const seedFailure = structuredClone(seedRequest);
    seedFailure.root.customer[0].referrals.referral_type.referral[0].identifier = '79998364';
    const res = await capillary.post(seedFailure);
    expect(res.status).toBe(200);
    const expected = structuredClone(seedAnswer);
    expected.response.customers.customer[0].referrals.referral_type[0].referral[0] = {
      id: '',
      name: 'Shikhar',
      identifier: '79998364',
      invited_on: '20240910T16:35:52.pV7BF',
      status: { success: 'false', code: 1701, message: 'Invalid Identifier for the type' },
    };
    expect(res.body).toEqual(expected);
    const referrals = await referralsOf('mobile=7999836466&campaign_token=J0H7Q');
    expect(referrals.referrals).toEqual({ campaign_token: 'J0H7Q', referral_code: null, invitees: { count: 0, invitee: [] }, referees: { count: 0, referee: [] } });
    expect((await api.get(`/v1/vouchers/${FIXTURE.unpublishedCode}`)).body).not.toHaveProperty('holder_id');
  });

  it.each([
    ['MOBILE', ['12345', '7999-836-416', '1234567890123456', 'abc7999836416']],
    ['EMAIL', ['not-an-email', 'a@b', '7999836416', 'two words@example.com']],
  ])('answers 1701 for %s identifiers of the wrong shape, beside valid ones', async (type, invalid) => {
    const valid = type === 'MOBILE' ? '+917999836416' : 'friend@example.org';
    const res = await capillary.post(body(referring({ mobile: '7999836466', type, identifiers: [...invalid, valid] })));
    const invalidStatus = { success: 'false', code: 1701, message: 'Invalid Identifier for the type' };
    expect(statuses(res)).toEqual({ invitees: [...invalid.map(() => invalidStatus), REFERRED], item: INVITED });
    expect((await referralsOf('mobile=7999836466&campaign_token=J0H7Q')).referrals.invitees.count).toBe(1);
  });

  it('answers 1206 for a referral type other than MOBILE and EMAIL, for the item and every invitee', async () => {
    const res = await capillary.post(body(referring({ mobile: '7999836466', type: 'WHATSAPP', identifiers: ['7999836416', '7999836417'] })));
    expect(res.status).toBe(200);
    expect(res.body.response.status).toEqual(SUCCESS);
    const unsupported = { success: 'false', code: 1206, message: 'Referral type is not supported' };
    expect(statuses(res)).toEqual({ invitees: [unsupported, unsupported], item: unsupported });
    expect(res.body.response.customers.customer[0].referrals.referral_type[0].type).toBe('WHATSAPP');
    expect((await referralsOf('mobile=7999836466&campaign_token=J0H7Q')).referrals.invitees.count).toBe(0);
  });

  it.each([
    ['mobile', { mobile: '7000000000' }, 'Cannot find a customer for provided mobile', { email: null, mobile: '7000000000' }],
    ['email', { email: 'nobody@example.com' }, 'Cannot find a customer for provided email', { email: 'nobody@example.com', mobile: null }],
    ['neither', {}, 'Cannot find a customer: neither mobile nor email was provided', { email: null, mobile: null }],
  ])('answers 1012 when no customer has the given %s', async (_case, identity, message, echoed) => {
    const res = await capillary.post(body(referring({ ...identity, identifiers: ['7999836416'] })));
    expect(res.status).toBe(200);
    const notFound = { success: 'false', code: 1012, message };
    expect(statuses(res)).toEqual({ invitees: [notFound], item: notFound });
    expect(res.body.response.customers.customer[0]).toMatchObject({ ...echoed, external_id: null, firstname: null, lastname: null });
  });

  it.each([
    ['an unknown token', 'NOPE1'],
    ['a campaign that is no referral program', FIXTURE.discountCampaign],
  ])('answers 1702 for %s', async (_case, token) => {
    const res = await capillary.post(body(referring({ mobile: '7999836466', token, identifiers: ['7999836416'] })));
    const invalid = { success: 'false', code: 1702, message: 'Invalid campaign token' };
    expect(statuses(res)).toEqual({ invitees: [invalid], item: invalid });
    expect((await api.get(`/v1/vouchers/${FIXTURE.unpublishedCode}`)).body).not.toHaveProperty('holder_id');
  });

  it('answers 1703 for an invitee repeated in the request, even across customer entries', async () => {
    const res = await capillary.post(
      body(
        referring({ mobile: '7999836466', identifiers: ['7999836416', '917999836416'] }),
        referring({ mobile: '917999836466', identifiers: ['7999836416'] }),
      ),
    );
    const repeated = { success: 'false', code: 1703, message: 'Identifier is repeated in the request' };
    expect(statuses(res, 0)).toEqual({ invitees: [REFERRED, repeated], item: INVITED });
    expect(statuses(res, 1)).toEqual({ invitees: [repeated], item: INVITED });
    expect((await referralsOf('mobile=7999836466&campaign_token=J0H7Q')).referrals.invitees.count).toBe(1);
  });

  it('answers 1704 for an invitee the referrer already invited in the campaign; another referrer may invite them', async () => {
    await capillary.post(seedRequest);
    const res = await capillary.post(body(referring({ mobile: '7999836466', identifiers: ['+917999836416'] })));
    const already = { success: 'false', code: 1704, message: 'Identifier is already invited by the customer in this campaign' };
    expect(statuses(res)).toEqual({ invitees: [already], item: INVITED });
    const other = await capillary.post(body(referring({ email: 'alice@example.com', identifiers: ['7999836416'] })));
    expect(statuses(other)).toEqual({ invitees: [REFERRED], item: INVITED });
  });

  it('answers 1705 when a STATIC referral campaign has no free code left, and records nothing', async () => {
    const created = await api.post('/v1/campaigns', {
      name: 'Static Referrals',
      campaign_type: 'REFERRAL_PROGRAM',
      type: 'STATIC',
      vouchers_count: 0,
      metadata: { campaign_token: 'STAT1' },
      voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500 }, is_referral_code: true },
    });
    expect(created.status).toBe(200);
    const res = await capillary.post(body(referring({ mobile: '7999836466', token: 'STAT1', identifiers: ['7999836416', '123'] })));
    const none = { success: 'false', code: 1705, message: 'No referral code is available for the campaign' };
    expect(statuses(res)).toEqual({ invitees: [none, { success: 'false', code: 1701, message: 'Invalid Identifier for the type' }], item: none });
    expect((await referralsOf('mobile=7999836466&campaign_token=STAT1')).referrals.invitees.count).toBe(0);
    expect((await api.get(`/v1/publications?customer=${shikar.id}`)).body.total).toBe(0);
  });

  it('works on a tenant stored before referral invitations existed', async () => {
    const older: Partial<ReturnType<typeof loadFixtures>> = loadFixtures(new URL('../fixtures/default.json', import.meta.url).pathname);
    delete older.referral_invitations;
    app = await testApp({ fixtures: older as ReturnType<typeof loadFixtures> });
    const res = await capillary.post(seedRequest);
    expect(res.body).toEqual(seedAnswer);
    expect((await referralsOf('mobile=7999836466&campaign_token=J0H7Q')).referrals.invitees.count).toBe(1);
  });

  it('handles each customer on its own', async () => {
    const res = await capillary.post(
      body(referring({ mobile: '7000000000', identifiers: ['7999836416'] }), referring({ mobile: '7999836466', identifiers: ['7999836416'] })),
    );
    expect(res.body.response.customers.customer).toHaveLength(2);
    expect(statuses(res, 0).item.code).toBe(1012);
    expect(statuses(res, 1)).toEqual({ invitees: [REFERRED], item: INVITED });
  });

  describe('authentication and tenants', () => {
    it.each([
      ['no Authorization header', undefined],
      ['Basic without a password', basic(TENANT, '')],
      ['an unknown scheme', 'Token abc'],
      ['X-App-Id and X-App-Token only', 'none'],
    ])('answers 401 in the envelope for %s', async (_case, authorization) => {
      let req = request(app).post(PATH);
      if (authorization === 'none') req = req.set({ 'X-App-Id': TENANT, 'X-App-Token': 'test-token' });
      else if (authorization) req = req.set('Authorization', authorization);
      const res = await req.send(seedRequest);
      expectEnvelopeError(res, 401, 'Unauthorized');
      expect(res.body).toEqual({ response: { status: { success: 'false', code: 401, message: 'Unauthorized' } } });
    });

    it('uses the Basic user name as the tenant, so the Voucherify endpoints of that app id see the referral', async () => {
      await request(app).post(PATH).set('Authorization', basic('store-42')).send(seedRequest).expect(200);
      const mine = client(app, 'store-42');
      expect((await mine.get(`/v1/vouchers/${FIXTURE.unpublishedCode}`)).body.referrer_id).toBe(shikar.id);
      expect((await client(app, 'another-store').get(`/v1/vouchers/${FIXTURE.unpublishedCode}`)).body).not.toHaveProperty('referrer_id');
    });

    it.each([
      ['Basic', basic('the-app', 'the-secret')],
      ['Bearer', 'Bearer the-secret'],
    ])('with a configured app id, refuses another X-App-Id even with the right %s credentials', async (_scheme, authorization) => {
      app = await testApp({ appId: 'the-app', appToken: 'the-secret' });
      for (const appId of ['other-app', 'victim', '']) {
        const res = await request(app).post(PATH).set('Authorization', authorization).set('X-App-Id', appId).send(seedRequest);
        expect({ appId, body: res.body }).toEqual({ appId, body: { response: { status: { success: 'false', code: 401, message: 'Unauthorized' } } } });
        expect(res.status).toBe(401);
        const read = await request(app).get(`${PATH}?mobile=7999836466&campaign_token=J0H7Q`).set('Authorization', authorization).set('X-App-Id', appId);
        expect({ appId, status: read.status }).toEqual({ appId, status: 401 });
      }
      // Nothing was written to the tenant that was named.
      const victim = await request(app).get(`/v1/vouchers/${FIXTURE.unpublishedCode}`).set('Authorization', 'Bearer the-secret').set('X-App-Id', 'the-app');
      expect(victim.body).not.toHaveProperty('referrer_id');
      // The configured app id itself, sent or not, is let in.
      await request(app).post(PATH).set('Authorization', authorization).set('X-App-Id', 'the-app').send(seedRequest).expect(200);
      await request(app).get(`${PATH}?mobile=7999836466&campaign_token=J0H7Q`).set('Authorization', authorization).expect(200);
    });

    it('uses X-App-Id over the Basic user name when it is sent', async () => {
      await request(app).post(PATH).set('Authorization', basic('ignored-user')).set('X-App-Id', 'picked-app').send(seedRequest).expect(200);
      expect((await client(app, 'picked-app').get(`/v1/vouchers/${FIXTURE.unpublishedCode}`)).body.referrer_id).toBe(shikar.id);
      expect((await client(app, 'ignored-user').get(`/v1/vouchers/${FIXTURE.unpublishedCode}`)).body).not.toHaveProperty('referrer_id');
    });
  });

  describe('bad input', () => {
    it('answers 400 in the envelope for malformed JSON', async () => {
      const res = await request(app).post(PATH).set('Authorization', basic(TENANT)).set('Content-Type', 'application/json').send('{"root": {');
      expectEnvelopeError(res, 400, /^Invalid payload: Invalid JSON: /);
    });

    it.each([
      ['a body without root', { customer: [] }, "Invalid payload: Payload must have required property 'root'"],
      ['no customers', { root: { customer: [] } }, 'Invalid payload: Property .root.customer must NOT have fewer than 1 items'],
      ['a root without customer', { root: {} }, "Invalid payload: Property .root must have required property 'customer'"],
      ['customer as an object', { root: { customer: {} } }, 'Invalid payload: Property .root.customer must be array'],
      ['a numeric mobile', body({ ...referring({ identifiers: ['7999836416'] }), mobile: 7999836466 as unknown as string }), 'Invalid payload: Property .root.customer[0].mobile must be string'],
      ['no campaign_token', { root: { customer: [{ mobile: '7999836466', referrals: { referral_type: { type: 'MOBILE', referral: [{ identifier: '7999836416' }] } } }] } }, "Invalid payload: Property .root.customer[0].referrals must have required property 'campaign_token'"],
      ['an empty referral list', body(referring({ mobile: '7999836466', identifiers: [] })), 'Invalid payload: Property .root.customer[0].referrals.referral_type.referral must NOT have fewer than 1 items'],
      ['a numeric identifier', { root: { customer: [{ mobile: '7999836466', referrals: { campaign_token: 'J0H7Q', referral_type: { type: 'MOBILE', referral: [{ identifier: 7999836416 }] } } }] } }, 'Invalid payload: Property .root.customer[0].referrals.referral_type.referral[0].identifier must be string'],
    ])('answers 400 in the envelope for %s', async (_case, payload, message) => {
      expectEnvelopeError(await capillary.post(payload), 400, message);
    });

    it('answers 400 for a JSON array body and for no body at all', async () => {
      expectEnvelopeError(await capillary.post([seedRequest]), 400, 'Invalid payload: Payload must be a JSON object, not an array');
      const none = await request(app).post(PATH).set('Authorization', basic(TENANT));
      expectEnvelopeError(none, 400, 'Invalid payload: Payload must be a JSON object sent with Content-Type: application/json');
    });

    it('answers 400 for a format other than json', async () => {
      expectEnvelopeError(await capillary.post(seedRequest, `${PATH}?format=xml`), 400, 'Invalid query params: Property .format must be equal to one of the allowed values [ json ]');
    });

    it('records nothing when one customer of the request is malformed', async () => {
      const payload = body(referring({ mobile: '7999836466', identifiers: ['7999836416'] }), { referrals: { campaign_token: 'J0H7Q' } } as never);
      expectEnvelopeError(await capillary.post(payload), 400, "Invalid payload: Property .root.customer[1].referrals must have required property 'referral_type'");
      expect((await referralsOf('mobile=7999836466&campaign_token=J0H7Q')).referrals.referral_code).toBeNull();
      expect((await api.get(`/v1/vouchers/${FIXTURE.unpublishedCode}`)).body).not.toHaveProperty('holder_id');
    });
  });
});

describe('GET /v1.1/customer/referrals', () => {
  it("lists the customer's code, invitees and the invitees who became referees", async () => {
    await capillary.post(body(referring({ mobile: '7999836466', identifiers: ['7999836416', '7999836417'] })));
    const before = await referralsOf('mobile=917999836466&campaign_token=J0H7Q');
    const code = before.referrals.referral_code;
    expect(before.referrals.referees).toEqual({ count: 0, referee: [] });

    // One invitee turns up (with a country code) and joins through the Voucherify referral endpoint; a stranger does too.
    const added = await api.post(`/v1/referrals/members/${code}/holders`, {
      holders: [
        { source_id: 'invitee-1', name: 'Friend Zero', phone: '+91 7999836416' },
        { source_id: 'stranger', name: 'Not Invited', phone: '7111111111' },
      ],
    });
    expect(added.status).toBe(200);

    const res = await capillary.get('mobile=7999836466&campaign_token=J0H7Q&format=json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      response: {
        status: SUCCESS,
        customers: {
          customer: [
            {
              email: null,
              mobile: '917999836466',
              external_id: null,
              firstname: 'shikar',
              lastname: '',
              referrals: {
                campaign_token: 'J0H7Q',
                referral_code: FIXTURE.unpublishedCode,
                invitees: {
                  count: 2,
                  invitee: [
                    { type: 'MOBILE', id: '', name: 'Friend 0', identifier: '7999836416', invited_on: '20240910T16:35:52.pV7BF' },
                    { type: 'MOBILE', id: '', name: 'Friend 1', identifier: '7999836417', invited_on: '20240910T16:35:52.pV7BF' },
                  ],
                },
                referees: { count: 1, referee: [{ type: 'MOBILE', identifier: '7999836416', name: 'Friend Zero', joined_on: NOW.toISOString() }] },
              },
              item_status: { success: 'true', code: 1000, message: 'Referrals fetched successfully' },
            },
          ],
        },
      },
    });
  });

  it('answers 1012 (referrals null) for an unknown customer and 1702 for an unknown campaign', async () => {
    const missing = await referralsOf('mobile=7000000000&campaign_token=J0H7Q');
    expect(missing).toEqual({
      email: null,
      mobile: '7000000000',
      external_id: null,
      firstname: null,
      lastname: null,
      referrals: null,
      item_status: { success: 'false', code: 1012, message: 'Cannot find a customer for provided mobile' },
    });
    const noEmail = await referralsOf('email=nobody@example.com&campaign_token=J0H7Q');
    expect(noEmail.item_status).toEqual({ success: 'false', code: 1012, message: 'Cannot find a customer for provided email' });
    const unknown = await referralsOf('mobile=7999836466&campaign_token=NOPE1');
    expect(unknown).toMatchObject({ referrals: null, item_status: { success: 'false', code: 1702, message: 'Invalid campaign token' } });
  });

  it('answers 400 without mobile or email, and without campaign_token', async () => {
    expectEnvelopeError(await capillary.get('campaign_token=J0H7Q'), 400, 'Invalid query params: Query must have property mobile or email');
    expectEnvelopeError(await capillary.get('mobile=7999836466'), 400, "Invalid query params: Query must have required property 'campaign_token'");
  });

  it('answers 401 in the envelope without credentials', async () => {
    const res = await request(app).get(`${PATH}?mobile=7999836466&campaign_token=J0H7Q`);
    expect(res.body).toEqual({ response: { status: { success: 'false', code: 401, message: 'Unauthorized' } } });
    expect(res.status).toBe(401);
  });
});
