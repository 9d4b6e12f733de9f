// Webhooks of rewards bought with a loyalty card: customer.reward_redemptions.created, .pending and
// .completed for each purchase (CAMPAIGN, COIN and MATERIAL rewards, through the member redemption
// and the checkout), .rolledback for its rollback, and the reward on the card's transaction event.

import { Ajv, type ValidateFunction } from 'ajv';
import { addSpecFormats } from '../src/openapi/formats.js';
import { loadSpecs } from '../src/openapi/load.js';
import { defaultSpecsDir } from '../src/package-root.js';
import { NOW, client, testApp, type Agent } from './helpers.js';
import { eventually as waitUntil, startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

type Json = Record<string, any>;

let api: Agent;
let receiver: WebhookReceiver;
let url = '';
let received: Json[] = [];

/** The schemas specs/mock-admin.yaml gives the reward redemption events' data. */
let validators: { event: ValidateFunction; completed: ValidateFunction };

beforeAll(async () => {
  const { components } = await loadSpecs(defaultSpecsDir);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addSpecFormats(ajv);
  ajv.addSchema({ $id: 'mock-admin.yaml', components: { schemas: components.get('mock-admin.yaml') } }, 'mock-admin.yaml');
  validators = {
    event: ajv.compile({ $ref: 'mock-admin.yaml#/components/schemas/RewardRedemptionEventData' }),
    completed: ajv.compile({ $ref: 'mock-admin.yaml#/components/schemas/RewardRedemptionCompletedEventData' }),
  };
});

beforeEach(async () => {
  api = client(await testApp({ webhookDelivery: { backoffMs: 20, timeoutMs: 1000 } }));
  receiver = await startWebhookReceiver();
  ({ url, received } = receiver);
});

afterEach(async () => {
  await receiver.close();
  // Every reward redemption event sent matches its schema.
  for (const event of rewardEvents()) {
    const validate = event.type === 'customer.reward_redemptions.completed' ? validators.completed : validators.event;
    expect({ type: event.type, valid: validate(event.data), errors: validate.errors ?? null }).toEqual({ type: event.type, valid: true, errors: null });
  }
});

const eventually = (check: () => boolean, what: string) => waitUntil(check, what, received);

/** Lets any delivery that was (wrongly) started arrive before asserting there was none. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect(res.status).toBe(200);
  return res.body;
}

const REWARD_EVENTS = ['customer.reward_redemptions.created', 'customer.reward_redemptions.pending', 'customer.reward_redemptions.completed', 'customer.reward_redemptions.rolledback'];
const rewardEvents = () => received.filter((r) => REWARD_EVENTS.includes(r.type));
const dataOf = (type: string): Json => {
  const found = received.filter((r) => r.type === type);
  if (found.length !== 1) throw new Error(`${found.length} ${type} among ${received.map((r) => r.type).join(', ')}`);
  return found[0].data;
};

async function subscribe(events?: string[]): Promise<void> {
  expect((await api.post('/_mock/webhooks', { url, secret: 's', ...(events ? { events } : {}) })).status).toBe(201);
}

/** A program, a customer holding a card of it with `points`, and the card. */
async function member(points: number, name = 'Club') {
  const program = await ok(api.post('/v1/loyalties', { name, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
  const customer = await ok(api.post('/v1/customers', { source_id: `${name}-member`, name: 'Bob Jones', email: 'bob@example.com' }));
  const card = await ok(api.post(`/v1/loyalties/${program.id}/members`, { customer: customer.id }));
  if (points) await ok(api.post(`/v1/loyalties/members/${card.code}/balance`, { points }));
  return { program, customer, card };
}

const assign = async (programId: string, rewardId: string, points?: number): Promise<Json> =>
  ((await ok(api.post(`/v1/loyalties/${programId}/rewards`, [{ reward: rewardId, ...(points !== undefined ? { parameters: { loyalty: { points } } } : {}) }]))) as unknown as Json[])[0];

/** SimpleCustomer as the events show it. */
const simpleCustomer = (customer: Json) => ({ id: customer.id, name: customer.name, email: customer.email, source_id: customer.source_id, metadata: {}, object: 'customer' });

/** The card in short (SimpleVoucher), as it is after the request. */
const simpleCard = (card: Json, program: Json) => ({
  id: card.id,
  code: card.code,
  loyalty_card: card.loyalty_card,
  type: 'LOYALTY_CARD',
  campaign: program.name,
  campaign_id: program.id,
  is_referral_code: false,
  holder_id: card.holder_id,
  categories: [],
  active: true,
  created_at: card.created_at,
  updated_at: card.updated_at,
  metadata: {},
  redemption: { quantity: card.redemption.quantity, redeemed_quantity: card.redemption.redeemed_quantity },
  object: 'voucher',
});

/** The program in short (SimpleCampaign). */
const simpleProgram = (program: Json) =>
  expect.objectContaining({ id: program.id, name: program.name, campaign_type: 'LOYALTY_PROGRAM', type: 'AUTO_UPDATE', is_referral_code: false, auto_join: program.auto_join, join_once: program.join_once, active: true, created_at: program.created_at, object: 'campaign' });

/** What every reward redemption event of one purchase has in common. */
function expectedParts(o: { program: Json; customer: Json; card: Json; assignment: Json; redemptionId: string }) {
  return {
    customer: simpleCustomer(o.customer),
    holder: simpleCustomer(o.customer),
    voucher: simpleCard(o.card, o.program),
    campaign: simpleProgram(o.program),
    reward_assignment: o.assignment,
    source: { id: o.redemptionId, type: 'redemption' },
    balance: null,
  };
}

/** The reward redemption (rewr_…) each event of a purchase shows, in `state`. */
const rewardRedemption = (id: string, state: string, o: { program: Json; customer: Json; card: Json; assignment: Json; redemptionId: string }) => ({
  id,
  state,
  source_id: o.redemptionId,
  source_type: 'redemption',
  voucher_id: o.card.id,
  campaign_id: o.program.id,
  customer_id: o.customer.id,
  reward_assignment_id: o.assignment.id,
  created_at: NOW.toISOString(),
  updated_at: null,
});

/** The reward as a redemption shows it, without what it gave. */
const rewardAbout = (reward: Json, customer: Json, assignment: Json) => ({
  customer: { id: customer.id, name: customer.name, email: customer.email, source_id: customer.source_id, metadata: {}, object: 'customer' },
  assignment_id: assignment.id,
  id: reward.id,
  name: reward.name,
  type: reward.type,
  parameters: reward.parameters,
  created_at: reward.created_at,
  updated_at: reward.updated_at,
  object: 'reward',
});

describe('buying a reward sends customer.reward_redemptions.created, .pending and .completed', () => {
  it('a CAMPAIGN reward (a coupon): PENDING, then COMPLETED with the coupon and its publication; the transaction event shows the reward', async () => {
    const { program, customer, card } = await member(500);
    const coupons = await ok(
      api.post('/v1/campaigns', { name: 'Reward coupons', campaign_type: 'DISCOUNT_COUPONS', type: 'AUTO_UPDATE', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' } } }),
    );
    const reward = await ok(api.post('/v1/rewards', { name: '10% coupon', type: 'CAMPAIGN', parameters: { campaign: { id: coupons.id } } }));
    const assignment = await assign(program.id, reward.id, 100);
    await subscribe();
    const redeemed = await ok(api.post(`/v1/loyalties/members/${card.code}/redemption`, { reward: { id: reward.id } }));
    await eventually(() => received.some((r) => r.type === 'customer.redemption.succeeded'), 'the redemption events');
    expect(received.map((r) => r.type)).toEqual([
      'voucher.loyalty_card.transaction.created',
      'customer.reward_redemptions.created',
      'customer.reward_redemptions.pending',
      'publication.succeeded',
      'voucher.published',
      'customer.publication.succeeded',
      'customer.reward_redemptions.completed',
      'redemption.succeeded',
      'customer.redemption.succeeded',
    ]);
    const after = await ok(api.get(`/v1/loyalties/members/${card.code}`));
    expect(after.loyalty_card).toEqual({ points: 500, balance: 400 });
    const o = { program, customer, card: after, assignment, redemptionId: redeemed.id };

    const created = dataOf('customer.reward_redemptions.created');
    const id = created.reward_redemption.id;
    expect(id).toMatch(/^rewr_[0-9A-Za-z]{24}$/);
    expect(created).toEqual({ ...expectedParts(o), reward_redemption: rewardRedemption(id, 'PENDING', o), reward: rewardAbout(reward, customer, assignment) });
    expect(dataOf('customer.reward_redemptions.pending')).toEqual(created);

    const coupon = redeemed.reward.voucher;
    expect(coupon).toMatchObject({ campaign_id: coupons.id, holder_id: customer.id, type: 'DISCOUNT_VOUCHER' });
    const publication = dataOf('publication.succeeded').publication;
    expect(publication).toMatchObject({ id: expect.stringMatching(/^pub_/), customer_id: customer.id, object: 'publication' });
    expect(dataOf('customer.reward_redemptions.completed')).toEqual({
      ...expectedParts(o),
      reward_redemption: rewardRedemption(id, 'COMPLETED', o),
      reward: {
        ...rewardAbout(reward, customer, assignment),
        voucher: {
          id: coupon.id,
          code: coupon.code,
          discount: coupon.discount,
          type: 'DISCOUNT_VOUCHER',
          campaign: coupons.name,
          campaign_id: coupons.id,
          is_referral_code: false,
          holder_id: customer.id,
          categories: [],
          active: true,
          created_at: coupon.created_at,
          updated_at: coupon.updated_at,
          metadata: {},
          redemption: { quantity: coupon.redemption.quantity, redeemed_quantity: 0 },
          object: 'voucher',
        },
      },
      publication,
    });

    // The card's POINTS_REDEMPTION names the reward bought, as the API shows it.
    const transaction = dataOf('voucher.loyalty_card.transaction.created');
    expect(transaction.transaction).toMatchObject({ type: 'POINTS_REDEMPTION', details: { reward: { id: reward.id, name: reward.name }, redemption: { id: redeemed.id } } });
    expect(transaction.reward).toEqual(await ok(api.get(`/v1/rewards/${reward.id}`)));
  });

  it('a CAMPAIGN reward of gift credits, through the program twin: the credits added are the balance', async () => {
    const { program, customer, card } = await member(300);
    const gifts = await ok(api.post('/v1/campaigns', { name: 'Gift cards', campaign_type: 'GIFT_VOUCHERS', type: 'AUTO_UPDATE', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 1000 } } }));
    const reward = await ok(api.post('/v1/rewards', { name: '$25 credits', type: 'CAMPAIGN', parameters: { campaign: { id: gifts.id, balance: 2500 } } }));
    const assignment = await assign(program.id, reward.id, 250);
    await subscribe(REWARD_EVENTS);
    const redeemed = await ok(api.post(`/v1/loyalties/${program.id}/members/${card.code}/redemption`, { reward: { id: reward.id } }));
    await eventually(() => received.length === 3, 'the reward events');
    expect(received.map((r) => r.type)).toEqual(REWARD_EVENTS.slice(0, 3));
    expect(received.map((r) => r.event.entity_id)).toEqual(Array(3).fill(received[0].data.reward_redemption.id));
    expect(received[0].event.id).toMatch(/^evcus_/);
    const after = await ok(api.get(`/v1/loyalties/members/${card.code}`));
    const o = { program, customer, card: after, assignment, redemptionId: redeemed.id };
    const completed = dataOf('customer.reward_redemptions.completed');
    const giftCard = redeemed.reward.voucher;
    expect(giftCard).toMatchObject({ campaign_id: gifts.id, holder_id: customer.id, gift: { amount: 3500, balance: 3500 } });
    expect(completed).toEqual({
      ...expectedParts(o),
      reward_redemption: rewardRedemption(completed.reward_redemption.id, 'COMPLETED', o),
      reward: { ...rewardAbout(reward, customer, assignment), voucher: expect.objectContaining({ id: giftCard.id, code: giftCard.code, gift: giftCard.gift, object: 'voucher' }) },
      balance: { amount: 2500 },
      // The member held no gift card of the campaign: one was published to them.
      publication: expect.objectContaining({ customer_id: customer.id, result: 'SUCCESS', object: 'publication' }),
    });
    expect(dataOf('customer.reward_redemptions.created').balance).toBeNull();
  });

  it('a MATERIAL reward shows its product and SKU in short', async () => {
    const { program, customer, card } = await member(60);
    const product = await ok(api.post('/v1/products', { name: 'Comic', source_id: 'comic-1', price: 1000 }));
    const sku = await ok(api.post(`/v1/products/${product.id}/skus`, { sku: 'Comic, signed', source_id: 'comic-1-signed' }));
    const reward = await ok(api.post('/v1/rewards', { name: 'Signed comic', type: 'MATERIAL', parameters: { product: { id: product.id, sku_id: sku.id } } }));
    const assignment = await assign(program.id, reward.id, 50);
    await subscribe(REWARD_EVENTS);
    const redeemed = await ok(api.post(`/v1/loyalties/members/${card.code}/redemption`, { reward: { id: reward.id } }));
    await eventually(() => received.length === 3, 'the reward events');
    const after = await ok(api.get(`/v1/loyalties/members/${card.code}`));
    expect(after.loyalty_card.balance).toBe(10);
    const o = { program, customer, card: after, assignment, redemptionId: redeemed.id };
    const shown = {
      ...rewardAbout(reward, customer, assignment),
      product: { id: product.id, source_id: 'comic-1', name: 'Comic' },
      sku: { id: sku.id, source_id: 'comic-1-signed', sku: 'Comic, signed' },
    };
    const created = dataOf('customer.reward_redemptions.created');
    expect(created).toEqual({ ...expectedParts(o), reward_redemption: rewardRedemption(created.reward_redemption.id, 'PENDING', o), reward: shown });
    expect(dataOf('customer.reward_redemptions.pending')).toEqual(created);
    expect(dataOf('customer.reward_redemptions.completed')).toEqual({
      ...expectedParts(o),
      reward_redemption: rewardRedemption(created.reward_redemption.id, 'COMPLETED', o),
      reward: shown,
      publication: null,
    });
  });
});

describe('a reward paid in the checkout (POST /v1/redemptions) and its rollback', () => {
  it('a COIN reward: created, pending, completed for the redemption; the stack rolled back sends .rolledback', async () => {
    const { program, customer, card } = await member(500);
    const reward = await ok(api.post('/v1/rewards', { name: '100 = $20', type: 'COIN', parameters: { coin: { exchange_ratio: 20, points_ratio: 100 } } }));
    const assignment = await assign(program.id, reward.id);
    await ok(api.post('/v1/vouchers/TENOFF', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } }));
    await subscribe();
    const redeemed = await ok(
      api.post('/v1/redemptions', {
        customer: { id: customer.id },
        order: { amount: 5000 },
        redeemables: [
          { object: 'voucher', id: 'TENOFF' },
          { object: 'voucher', id: card.code, reward: { id: reward.id } },
        ],
      }),
    );
    const paidBy = redeemed.redemptions[1];
    expect(paidBy).toMatchObject({ loyalty_card: { points: 200 }, reward: { id: reward.id } });
    await eventually(() => received.some((r) => r.type === 'customer.redemption.succeeded' && r.data.redemption.id === redeemed.parent_redemption.id), 'the redemption events');
    expect(rewardEvents().map((r) => r.type)).toEqual(REWARD_EVENTS.slice(0, 3));
    const after = await ok(api.get(`/v1/loyalties/members/${card.code}`));
    const o = { program, customer, card: after, assignment, redemptionId: paidBy.id };
    const id = dataOf('customer.reward_redemptions.created').reward_redemption.id;
    const shown = rewardAbout(reward, customer, assignment);
    expect(dataOf('customer.reward_redemptions.created')).toEqual({ ...expectedParts(o), reward_redemption: rewardRedemption(id, 'PENDING', o), reward: shown });
    expect(dataOf('customer.reward_redemptions.pending')).toEqual(dataOf('customer.reward_redemptions.created'));
    expect(dataOf('customer.reward_redemptions.completed')).toEqual({ ...expectedParts(o), reward_redemption: rewardRedemption(id, 'COMPLETED', o), reward: shown, publication: null });
    // Only the card's redemption buys a reward: the coupon's sends none.
    expect(rewardEvents().every((r) => r.data.source.id === paidBy.id)).toBe(true);

    const before = received.length;
    const rolledBack = await ok(api.post(`/v1/redemptions/${redeemed.parent_redemption.id}/rollbacks`, {}));
    await eventually(() => received.some((r) => r.type === 'customer.redemption.rollback.succeeded' && r.data.redemption_rollback.id === rolledBack.parent_rollback.id), 'the rollback events');
    const rollbackTypes = received.slice(before).map((r) => r.type);
    expect(rollbackTypes.filter((type) => REWARD_EVENTS.includes(type))).toEqual(['customer.reward_redemptions.rolledback']);
    const refunded = await ok(api.get(`/v1/loyalties/members/${card.code}`));
    expect(refunded.loyalty_card).toEqual({ points: 500, balance: 500 });
    const cardRollback = rolledBack.rollbacks.find((r: Json) => r.redemption === paidBy.id);
    const rolled = dataOf('customer.reward_redemptions.rolledback');
    expect(rolled).toEqual({
      ...expectedParts({ ...o, card: refunded }),
      reward_redemption: { ...rewardRedemption(id, 'ROLLEDBACK', o), updated_at: NOW.toISOString() },
      reward: shown,
      source: { id: cardRollback.id, type: 'redemption_rollback' },
    });
    // The refund's transaction is no purchase: it names no reward.
    const refund = received.slice(before).find((r) => r.type === 'voucher.loyalty_card.transaction.created')!.data;
    expect(refund.transaction.type).toBe('POINTS_REFUND');
    expect(refund.reward).toBeNull();
  });

  it('a member redemption rolled back with POST /v1/redemptions/{id}/rollback sends .rolledback; the reward stays given', async () => {
    const { program, card } = await member(100);
    const reward = await ok(api.post('/v1/rewards', { name: 'Mug', type: 'MATERIAL', parameters: { product: { id: (await ok(api.post('/v1/products', { name: 'Mug' }))).id } } }));
    await assign(program.id, reward.id, 40);
    const redeemed = await ok(api.post(`/v1/loyalties/members/${card.code}/redemption`, { reward: { id: reward.id } }));
    await subscribe(REWARD_EVENTS);
    const rolledBack = await ok(api.post(`/v1/redemptions/${redeemed.id}/rollback`, { reason: 'changed my mind' }));
    await eventually(() => received.length === 1, 'the rolledback event');
    expect(received[0].type).toBe('customer.reward_redemptions.rolledback');
    expect(received[0].data.source).toEqual({ id: rolledBack.id, type: 'redemption_rollback' });
    expect(received[0].data.reward_redemption).toMatchObject({ state: 'ROLLEDBACK', source_id: redeemed.id, updated_at: NOW.toISOString() });
    expect(received[0].data.reward).toMatchObject({ id: reward.id, product: { id: reward.parameters.product.id, name: 'Mug' } });
    // Rolled back twice: refused (rrf_…), and the reward redemption is not rolled back again.
    expect((await api.post(`/v1/redemptions/${redeemed.id}/rollback`, {})).status).toBe(400);
    await settle();
    expect(received).toHaveLength(1);
  });
});

describe('what sends no reward redemption event', () => {
  it('an ordinary redemption and its rollback, a refused purchase, and a purchase that has no customer', async () => {
    const { program, card } = await member(10);
    const reward = await ok(api.post('/v1/rewards', { name: 'Sticker', type: 'MATERIAL', parameters: { product: { id: (await ok(api.post('/v1/products', { name: 'Sticker' }))).id } } }));
    await assign(program.id, reward.id, 50);
    await ok(api.post('/v1/vouchers/PLAIN', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100, effect: 'APPLY_TO_ORDER' } }));
    await subscribe();
    const plain = await ok(api.post('/v1/vouchers/PLAIN/redemption', { customer: { source_id: 'someone' }, order: { amount: 1000 } }));
    await ok(api.post(`/v1/redemptions/${plain.id}/rollback`, {}));
    // Too few points: refused, nothing written.
    expect((await api.post(`/v1/loyalties/members/${card.code}/redemption`, { reward: { id: reward.id } })).status).toBe(400);
    // A card nobody holds buys a MATERIAL reward: no customer, so no customer.… event.
    const unheld = await ok(api.post(`/v1/campaigns/${program.id}/vouchers`, {}));
    await ok(api.post(`/v1/loyalties/members/${unheld.code}/balance`, { points: 50 }));
    const bought = await ok(api.post(`/v1/loyalties/members/${unheld.code}/redemption`, { reward: { id: reward.id } }));
    expect(bought.customer_id).toBeNull();
    await eventually(() => received.some((r) => r.type === 'redemption.succeeded' && r.data.redemption.id === bought.id), 'the unheld card’s redemption');
    await settle();
    expect(received.map((r) => r.type)).toContain('customer.redemption.rollback.succeeded');
    expect(rewardEvents()).toEqual([]);
    // The ordinary redemption's events name no reward.
    expect(received.filter((r) => r.type === 'voucher.loyalty_card.transaction.created').map((r) => r.data.transaction.type)).toEqual(['POINTS_ADDITION', 'POINTS_REDEMPTION']);
  });
});

describe('customer activity', () => {
  it('records the reward redemption events as the customer’s and the card’s activities', async () => {
    const { program, customer, card } = await member(100);
    const reward = await ok(api.post('/v1/rewards', { name: 'Mug', type: 'MATERIAL', parameters: { product: { id: (await ok(api.post('/v1/products', { name: 'Mug' }))).id } } }));
    await assign(program.id, reward.id, 40);
    const redeemed = await ok(api.post(`/v1/loyalties/members/${card.code}/redemption`, { reward: { id: reward.id } }));
    const listed = await ok(api.get(`/v1/customers/${customer.id}/activity`).query({ type: 'customer.reward_redemptions.completed' }));
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).toMatchObject({ type: 'customer.reward_redemptions.completed', data: { data: { source: { id: redeemed.id, type: 'redemption' }, reward_redemption: { state: 'COMPLETED' } } } });
    const memberActivity = await ok(api.get(`/v1/loyalties/members/${card.code}/activity`));
    expect(memberActivity.data.map((a: Json) => a.type)).toEqual(expect.arrayContaining(['customer.reward_redemptions.created', 'customer.reward_redemptions.pending', 'customer.reward_redemptions.completed']));
  });
});
