// Loyalty programs, their members (loyalty cards given to customers) and card balances.

import { readFileSync } from 'node:fs';
import { FIXTURE, NOW, client, expectError, testApp, type Agent } from './helpers.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const club = fixtures.campaigns.find((c: { name: string }) => c.name === 'Loyalty Club');
const summer = fixtures.campaigns.find((c: { name: string }) => c.name === FIXTURE.discountCampaign);
const card1 = fixtures.vouchers.find((v: { code: string }) => v.code === 'LC-00000001');
const card2 = fixtures.vouchers.find((v: { code: string }) => v.code === 'LC-00000002');
const customerBySourceId = (sourceId: string) => fixtures.customers.find((c: { source_id: string }) => c.source_id === sourceId);
/** bob already holds a card of the club in the fixtures; alice and carol hold none. */
const bob = customerBySourceId('bob-shopper');
const alice = customerBySourceId(FIXTURE.referrerSourceId);
const carol = customerBySourceId('carol-friend');

type FixtureCard = { id: string; code: string; campaign_id: string; created_at: string; holder_id?: string; loyalty_card: { points: number; balance: number } };
/** The club's cards in the fixtures, newest first (as the members list orders them). */
const clubCards: FixtureCard[] = fixtures.vouchers
  .filter((v: FixtureCard) => v.campaign_id === club.id)
  .sort((a: FixtureCard, b: FixtureCard) => b.created_at.localeCompare(a.created_at));
const freeCards = clubCards.filter((v) => v.holder_id === undefined);
const bobCard = clubCards.find((v) => v.holder_id === bob.id) as FixtureCard;
const clubHolderIds = fixtures.redeemable_holders
  .filter((h: { campaign_id: string }) => h.campaign_id === club.id)
  .map((h: { customer_id: string }) => h.customer_id);
const loyaltyPrograms = fixtures.campaigns.filter((c: { campaign_type: string }) => c.campaign_type === 'LOYALTY_PROGRAM');

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

const membersPath = (program = club.id) => `/v1/loyalties/${encodeURIComponent(program)}/members`;
const join = (customer: unknown, extra: Record<string, unknown> = {}, program = club.id) => api.post(membersPath(program), { customer, ...extra });

const newProgram = {
  name: 'Loyalty Program 4',
  description: 'Points for every order.',
  type: 'STATIC',
  join_once: false,
  vouchers_count: 2,
  voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 }, redemption: { quantity: 2 }, code_config: { pattern: 'L-CARD-#######' } },
  metadata: { test: true },
};

describe('POST /v1/loyalties', () => {
  it('creates a join-once LOYALTY_PROGRAM campaign with its cards', async () => {
    const res = await api.post('/v1/loyalties', newProgram);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^camp_/),
      name: 'Loyalty Program 4',
      campaign_type: 'LOYALTY_PROGRAM',
      type: 'STATIC',
      join_once: true,
      auto_join: false,
      vouchers_count: 2,
      metadata: { test: true },
      created_at: NOW.toISOString(),
      creation_status: 'DONE',
      vouchers_generation_status: 'DONE',
      category_id: null,
      categories: [],
      voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 }, redemption: { quantity: 2 }, code_config: { pattern: 'L-CARD-#######' }, is_referral_code: false },
      object: 'campaign',
    });
    const members = await api.get(membersPath(res.body.id));
    expect(members.body.vouchers.map((v: { code: string }) => v.code)).toEqual([expect.stringMatching(/^L-CARD-/), expect.stringMatching(/^L-CARD-/)]);
  });

  it('refuses a second program with the same name', async () => {
    const res = await api.post('/v1/loyalties', { ...newProgram, name: 'Loyalty Club' });
    const body = expectError(res, 409, 'duplicate_found', 'Duplicated resource found');
    expect(body).toMatchObject({ details: 'Duplicated campaign exists with name Loyalty Club', resource_type: 'campaign', resource_id: 'Loyalty Club' });
  });

  it('needs the loyalty_card part of the card template', async () => {
    const res = await api.post('/v1/loyalties', { name: 'No Cards', voucher: { type: 'LOYALTY_CARD' } });
    expectError(res, 400, 'invalid_campaign', 'Invalid Campaign');
  });

  it('needs a name', async () => {
    const body = expectError(await api.post('/v1/loyalties', { voucher: newProgram.voucher }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe("Payload must have required property 'name'");
  });
});

describe('GET /v1/loyalties', () => {
  it('lists loyalty programs only', async () => {
    await api.post('/v1/loyalties', newProgram);
    const res = await api.get('/v1/loyalties');
    expect(res.status).toBe(200);
    expect(loyaltyPrograms.map((c: { name: string }) => c.name)).toEqual(['Loyalty Club']);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'campaigns', total: loyaltyPrograms.length + 1 });
    expect(res.body.campaigns.map((c: { name: string }) => c.name)).toEqual(['Loyalty Program 4', 'Loyalty Club']);
    expect((await api.get('/v1/loyalties?limit=1&page=2')).body.campaigns.map((c: { name: string }) => c.name)).toEqual(['Loyalty Club']);
  });
});

describe('GET /v1/loyalties/{campaignId}', () => {
  it('finds a program by id or by name', async () => {
    const byId = await api.get(`/v1/loyalties/${club.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: club.id, name: 'Loyalty Club', campaign_type: 'LOYALTY_PROGRAM', vouchers_count: clubCards.length });
    expect((await api.get('/v1/loyalties/Loyalty%20Club')).body.id).toBe(club.id);
  });

  it('answers 404 for an unknown program and for a campaign that is no loyalty program', async () => {
    const unknown = expectError(await api.get('/v1/loyalties/camp_missing'), 404, 'not_found', 'Resource not found');
    expect(unknown).toMatchObject({ details: 'Cannot find campaign with id camp_missing', resource_type: 'campaign' });
    expectError(await api.get(`/v1/loyalties/${summer.id}`), 404, 'not_found', 'Resource not found');
  });
});

describe('POST /v1/loyalties/{campaignId}/members', () => {
  it('starts from fixtures where bob holds a card of the club and alice and carol hold none', async () => {
    expect(clubHolderIds).toContain(bob.id);
    expect(clubHolderIds).not.toContain(alice.id);
    expect(clubHolderIds).not.toContain(carol.id);
    expect(bobCard).toMatchObject({ holder_id: bob.id });
    for (const customer of [alice, carol]) expect((await api.get(`${membersPath()}?customer=${customer.id}`)).body.vouchers).toEqual([]);
    expect((await api.get(`${membersPath()}?customer=${bob.id}`)).body.vouchers).toEqual([expect.objectContaining({ id: bobCard.id, holder_id: bob.id })]);
  });

  it('gives a customer named by source_id the next free card, shaped as Voucherify answers', async () => {
    const res = await join(alice.source_id, { metadata: { year: 2026 }, channel: 'postman' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: card1.id,
      code: 'LC-00000001',
      campaign: 'Loyalty Club',
      campaign_id: club.id,
      type: 'LOYALTY_CARD',
      discount: null,
      gift: null,
      loyalty_card: { points: 0, balance: 0 },
      is_referral_code: false,
      holder_id: alice.id,
      updated_at: NOW.toISOString(),
      redemption: { quantity: null, redeemed_quantity: 0, redeemed_points: 0, object: 'list' },
      publish: { object: 'list', count: 1, url: '/v1/vouchers/LC-00000001/publications?page=1&limit=10' },
      metadata: {},
      object: 'voucher',
    });
    // The request's metadata and channel went on the publication, not on the card.
    const publications = await api.get(`/v1/publications?customer=${alice.id}`);
    expect(publications.body.publications[0]).toMatchObject({ metadata: { year: 2026 }, channel: 'postman', vouchers_id: [card1.id] });
  });

  it('takes a customer id, or a customer object that it creates', async () => {
    expect((await join(carol.id)).body.holder_id).toBe(carol.id);
    const res = await join({ source_id: 'club-newbie', name: 'Newbie', email: 'newbie@example.com' });
    expect(res.status).toBe(200);
    const customer = await api.get('/v1/customers/club-newbie');
    expect(customer.body).toMatchObject({ id: res.body.holder_id, name: 'Newbie' });
  });

  it('gives the named card', async () => {
    const res = await join(alice.id, { voucher: 'LC-00000003' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'LC-00000003', holder_id: alice.id });
  });

  it('makes a new card when an AUTO_UPDATE program has none left', async () => {
    const taken: string[] = [];
    for (let i = 1; i <= freeCards.length; i++) {
      const res = await join(`m-${i}`);
      expect(res.status).toBe(200);
      taken.push(res.body.code);
    }
    expect(taken.sort()).toEqual(freeCards.map((v) => v.code).sort());
    const res = await join('m-new');
    expect(res.status).toBe(200);
    expect(res.body.code).toMatch(/^LC-/);
    expect(clubCards.map((v) => v.code)).not.toContain(res.body.code);
    expect((await api.get(`/v1/loyalties/${club.id}`)).body.vouchers_count).toBe(clubCards.length + 1);
  });

  it('lets a customer join a program once', async () => {
    expect((await join(alice.id)).status).toBe(200);
    const body = expectError(await join(alice.source_id), 400, 'voucher_cannot_be_published', 'Voucher cannot be published');
    expect(body.details).toBe('Voucher cannot be published. Customer already joined program.');
  });

  it('refuses a customer who holds a card of the program from the fixtures, and writes nothing', async () => {
    for (const extra of [{}, { voucher: card1.code }]) {
      const body = expectError(await join(bob.source_id, extra), 400, 'voucher_cannot_be_published', 'Voucher cannot be published');
      expect(body.details).toBe('Voucher cannot be published. Customer already joined program.');
    }
    expect((await api.get(`${membersPath()}?customer=${bob.id}`)).body.vouchers).toEqual([expect.objectContaining({ code: bobCard.code, holder_id: bob.id })]);
    expect((await api.get(`/v1/loyalties/members/${card1.code}`)).body).toMatchObject({ publish: { count: 0 } });
    expect((await api.get(`/v1/loyalties/members/${card1.code}`)).body).not.toHaveProperty('holder_id');
    expect((await api.get(`/v1/loyalties/${club.id}`)).body.vouchers_count).toBe(clubCards.length);
  });

  it('refuses a card that another customer holds', async () => {
    expect((await join(alice.id, { voucher: card2.code })).status).toBe(200);
    const body = expectError(await join(carol.id, { voucher: card2.code }), 400, 'voucher_already_published', 'Voucher already published');
    expect(body.details).toBe(`Voucher '${card2.id}' has already been published`);
    // The same for a card the fixtures gave to another customer.
    const fixtureHeld = expectError(await join(carol.id, { voucher: bobCard.code }), 400, 'voucher_already_published', 'Voucher already published');
    expect(fixtureHeld.details).toBe(`Voucher '${bobCard.id}' has already been published`);
  });

  it('answers no_voucher_suitable_for_publication when a STATIC program has no free card', async () => {
    const program = await api.post('/v1/loyalties', { ...newProgram, vouchers_count: 1 });
    expect((await join(bob.id, {}, program.body.id)).status).toBe(200);
    const body = expectError(await join(carol.id, {}, program.body.id), 400, 'no_voucher_suitable_for_publication', "Couldn't find any voucher suitable for publication");
    expect(body.details).toBe("Couldn't create new vouchers for publication");
  });

  it('refuses a repeated publication source_id', async () => {
    expect((await join(alice.id, { source_id: 'member-src' })).status).toBe(200);
    expectError(await join(carol.id, { source_id: 'member-src' }), 400, 'duplicate_source_id', 'Duplicate source_id');
  });

  it('answers 404 for an unknown program, or a card that is not of this program', async () => {
    const program = expectError(await join(alice.id, {}, 'No Such Club'), 404, 'not_found', 'Resource not found');
    expect(program).toMatchObject({ resource_type: 'campaign', resource_id: 'No Such Club' });
    const card = expectError(await join(alice.id, { voucher: FIXTURE.discountCode }), 404, 'not_found', 'Resource not found');
    expect(card).toMatchObject({ details: `Cannot find voucher with id ${FIXTURE.discountCode}`, resource_type: 'voucher' });
  });

  it('needs a customer', async () => {
    const body = expectError(await api.post(membersPath(), { voucher: 'LC-00000001' }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe("Payload must have required property 'customer'");
  });
});

describe('GET /v1/loyalties/{campaignId}/members', () => {
  it('lists the program’s cards newest first, and a customer’s cards', async () => {
    await join(alice.id);
    const res = await api.get(membersPath());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'vouchers', total: clubCards.length });
    expect(res.body.vouchers.map((v: { code: string }) => v.code)).toEqual(clubCards.map((v) => v.code));
    const mine = await api.get(`${membersPath()}?customer=${alice.source_id}`);
    expect(mine.body.vouchers).toEqual([expect.objectContaining({ code: 'LC-00000001', holder_id: alice.id })]);
    const bobs = await api.get(`${membersPath()}?customer=${bob.source_id}`);
    expect(bobs.body.vouchers).toEqual([expect.objectContaining({ code: bobCard.code, holder_id: bob.id })]);
    // The oldest card is alone on the last page of one-card pages.
    expect(clubCards.at(-1)?.code).toBe('LC-00000001');
    expect((await api.get(`${membersPath('Loyalty Club')}?limit=1&page=${clubCards.length}&order=-created_at`)).body.vouchers[0].code).toBe('LC-00000001');
  });

  it('answers 404 for an unknown program', async () => {
    expectError(await api.get(membersPath('camp_missing')), 404, 'not_found', 'Resource not found');
  });
});

describe.each([
  ['GET /v1/loyalties/{campaignId}/members/{memberId}', (memberId: string) => `${membersPath()}/${memberId}`],
  ['GET /v1/loyalties/members/{memberId}', (memberId: string) => `/v1/loyalties/members/${memberId}`],
])('%s', (_name, path) => {
  it('gets a member’s card by code or voucher id', async () => {
    await join(alice.id);
    const byCode = await api.get(path('LC-00000001'));
    expect(byCode.status).toBe(200);
    expect(byCode.body).toMatchObject({ id: card1.id, holder_id: alice.id, publish: { count: 1 }, loyalty_card: { points: 0, balance: 0 } });
    expect((await api.get(path(card1.id))).body.code).toBe('LC-00000001');
  });

  it('gets a card the fixtures gave to a member, with its points', async () => {
    const res = await api.get(path(bobCard.code));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bobCard.id, holder_id: bob.id, publish: { count: 1 }, loyalty_card: bobCard.loyalty_card });
    expect(bobCard.loyalty_card.balance).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown card', async () => {
    const body = expectError(await api.get(path('LC-NOPE')), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id LC-NOPE', resource_type: 'voucher' });
  });
});

describe('GET /v1/loyalties/{campaignId}/members/{memberId} (other programs)', () => {
  it('answers 404 for a code of another campaign', async () => {
    expectError(await api.get(`${membersPath()}/${FIXTURE.discountCode}`), 404, 'not_found', 'Resource not found');
  });
});

describe('GET /v1/loyalties/members/{memberId} (not a card)', () => {
  it('answers invalid_voucher for a voucher that is no loyalty card', async () => {
    const body = expectError(await api.get(`/v1/loyalties/members/${FIXTURE.discountCode}`), 400, 'invalid_voucher', 'Invalid Voucher');
    expect(body.details).toBe(`Voucher ${FIXTURE.discountCode} is not a loyalty card`);
  });
});

describe.each([
  ['POST /v1/loyalties/{campaignId}/members/{memberId}/balance', (memberId: string) => `${membersPath()}/${memberId}/balance`],
  ['POST /v1/loyalties/members/{memberId}/balance', (memberId: string) => `/v1/loyalties/members/${memberId}/balance`],
])('%s', (_name, path) => {
  beforeEach(async () => {
    expect((await join(alice.id)).status).toBe(200);
  });

  it('adds points, then removes some, answering the balance object', async () => {
    const added = await api.post(path('LC-00000001'), { points: 100, expiration_type: 'CUSTOM_DATE', expiration_date: '2027-05-30' });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ points: 100, total: 100, balance: 100, type: 'loyalty_card', object: 'balance', related_object: { type: 'voucher', id: card1.id }, operation_type: 'MANUAL' });
    const removed = await api.post(path(card1.id), { points: -30 });
    expect(removed.body).toEqual({ points: -30, total: 100, balance: 70, type: 'loyalty_card', object: 'balance', related_object: { type: 'voucher', id: card1.id }, operation_type: 'MANUAL' });
    const card = await api.get(`/v1/loyalties/members/LC-00000001`);
    expect(card.body).toMatchObject({ loyalty_card: { points: 100, balance: 70, subtracted_points: 30 }, updated_at: NOW.toISOString() });
  });

  it('refuses to take the balance below zero and changes nothing', async () => {
    await api.post(path('LC-00000001'), { points: 10 });
    const body = expectError(await api.post(path('LC-00000001'), { points: -11 }), 400, 'insufficient_card_balance', 'Insufficient card balance');
    expect(body.details).toBe('Operation exceeds the available card balance');
    expect((await api.get('/v1/loyalties/members/LC-00000001')).body.loyalty_card).toEqual({ points: 10, balance: 10 });
  });

  it('refuses an expiration date in the past', async () => {
    const body = expectError(
      await api.post(path('LC-00000001'), { points: 5, expiration_type: 'CUSTOM_DATE', expiration_date: '2020-01-01' }),
      400,
      'invalid_expiration_date',
      'Invalid Expiration Date',
    );
    expect(body.details).toBe('Expiration date cannot be set in the past');
  });

  it('needs integer points', async () => {
    const body = expectError(await api.post(path('LC-00000001'), { points: 'ten' }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Property .points must be integer');
  });

  it('takes points from the balance a card has in the fixtures', async () => {
    const { points, balance } = bobCard.loyalty_card;
    const removed = await api.post(path(bobCard.code), { points: -balance });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ points: -balance, total: points, balance: 0, type: 'loyalty_card', object: 'balance', related_object: { type: 'voucher', id: bobCard.id }, operation_type: 'MANUAL' });
    const body = expectError(await api.post(path(bobCard.code), { points: -1 }), 400, 'insufficient_card_balance', 'Insufficient card balance');
    expect(body.details).toBe('Operation exceeds the available card balance');
  });

  it('answers 404 for an unknown card', async () => {
    expectError(await api.post(path('LC-NOPE'), { points: 1 }), 404, 'not_found', 'Resource not found');
  });
});
