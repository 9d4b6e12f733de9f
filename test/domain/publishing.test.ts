// Publishing: which voucher a customer gets (a named code, or a campaign's oldest free one), the holder and publication it makes, join_once and the publishing errors.

import { customers, holders, publications, vouchers } from '../../src/domain/collections.js';
import type { Context } from '../../src/domain/context.js';
import { publish } from '../../src/domain/publishing.js';
import type { Campaign, Customer, Voucher } from '../../src/domain/records.js';
import { NOW } from '../helpers.js';
import { aCampaign, aContext, aCustomer, aHolder, aVoucher, holding, inCampaign } from '../support/builders.js';
import { voucherifyErrorOf } from '../support/errors.js';

interface World {
  ctx: Context;
  campaign: Campaign;
  /** The campaign's vouchers, oldest first. */
  codes: Voucher[];
  alice: Customer;
  bob: Customer;
}

/** A campaign with three free vouchers, made oldest first, and two customers who hold nothing. */
function world(campaignFields: Partial<Campaign> = {}, voucherFields: Partial<Voucher>[] = [{}, {}, {}]): World {
  const campaign = aCampaign(campaignFields);
  const codes = voucherFields.map((fields) => aVoucher({ ...inCampaign(campaign), ...fields }));
  const alice = aCustomer();
  const bob = aCustomer();
  const ctx = aContext({ records: { campaigns: [campaign], vouchers: codes, customers: [alice, bob] } });
  return { ctx, campaign, codes, alice, bob };
}

const voucherNow = (ctx: Context, voucher: Voucher) => vouchers(ctx.tenant).get(voucher.id) as Voucher;

describe('publish from a campaign', () => {
  it("gives the campaign's oldest free voucher, makes the customer its OWNER and records the publication", () => {
    const { ctx, campaign, codes, alice } = world();
    const { publication, vouchers: published } = publish(ctx, { customer: alice.id, campaign: campaign.name, metadata: { year: 2026 }, channel: 'test' });
    expect(published).toEqual([voucherNow(ctx, codes[0])]);
    expect(published[0]).toMatchObject({ id: codes[0].id, holder_id: alice.id, publish: { count: 1 }, updated_at: NOW.toISOString() });
    expect(published[0]).not.toHaveProperty('referrer_id');
    expect(holders(ctx.tenant).groupOf('redeemable_id', codes[0].id)).toEqual([
      expect.objectContaining({ customer_id: alice.id, holder_role: 'OWNER', campaign_id: campaign.id, campaign_type: 'DISCOUNT_COUPONS', created_at: NOW.toISOString() }),
    ]);
    expect(publication).toEqual({
      id: expect.stringMatching(/^pub_[A-Za-z0-9]{32}$/),
      object: 'publication',
      created_at: NOW.toISOString(),
      customer_id: alice.id,
      tracking_id: alice.source_id,
      metadata: { year: 2026 },
      channel: 'test',
      source_id: null,
      result: 'SUCCESS',
      customer: { id: alice.id, name: alice.name, email: alice.email, source_id: alice.source_id, metadata: {}, object: 'customer' },
      voucher: { code: codes[0].code, object: 'voucher', campaign: campaign.name, discount: codes[0].discount, is_referral_code: false },
      vouchers_id: [codes[0].id],
      voucher_id: codes[0].id,
    });
    expect(publications(ctx.tenant).get(publication.id)).toBe(publication);
  });

  it.each<[string, (w: World) => unknown]>([
    ['by name', (w) => w.campaign.name],
    ['by id', (w) => w.campaign.id],
    ['as { name }', (w) => ({ name: w.campaign.name })],
    ['as { id }', (w) => ({ id: w.campaign.id })],
  ])('finds the campaign %s', (_case, campaignOf) => {
    const w = world();
    expect(publish(w.ctx, { customer: w.alice.id, campaign: campaignOf(w) }).vouchers[0].id).toBe(w.codes[0].id);
  });

  it('gives the next customer the next free voucher', () => {
    const { ctx, campaign, codes, alice, bob } = world();
    publish(ctx, { customer: alice.id, campaign: campaign.id });
    expect(publish(ctx, { customer: bob.id, campaign: campaign.id }).vouchers[0].id).toBe(codes[1].id);
  });

  it.each<[string, Partial<Voucher>[], number]>([
    ['a disabled voucher', [{ active: false }, {}, {}], 1],
    ['two disabled vouchers', [{ active: false }, { active: false }, {}], 2],
    ['a voucher someone holds', [{ holder_id: 'cust_someone' }, {}, {}], 1],
  ])('skips %s', (_case, fields, expected) => {
    const { ctx, campaign, codes, alice } = world({}, fields);
    expect(publish(ctx, { customer: alice.id, campaign: campaign.id }).vouchers[0].id).toBe(codes[expected].id);
  });

  it("makes a new voucher from an AUTO_UPDATE campaign's code_config when none is free", () => {
    const { ctx, campaign, codes, alice } = world({ type: 'AUTO_UPDATE' }, [{ active: false }]);
    const [voucher] = publish(ctx, { customer: alice.id, campaign: campaign.id }).vouchers;
    expect(voucher.id).not.toBe(codes[0].id);
    expect(voucher).toMatchObject({ campaign_id: campaign.id, holder_id: alice.id, code: expect.stringMatching(new RegExp(`^${campaign.voucher?.code_config?.prefix}[0-9a-zA-Z]{8}$`)) });
    expect(vouchers(ctx.tenant).countOf('campaign_id', campaign.id)).toBe(2);
  });

  it('gives several vouchers with campaign.count, listing their codes', () => {
    const { ctx, campaign, codes, alice } = world();
    const { publication, vouchers: published } = publish(ctx, { customer: alice.id, campaign: { name: campaign.name, count: 2 } });
    expect(published.map((v) => v.id)).toEqual([codes[0].id, codes[1].id]);
    expect(publication).toMatchObject({ vouchers: [codes[0].code, codes[1].code], vouchers_id: [codes[0].id, codes[1].id], voucher_id: codes[0].id });
    expect(publication).not.toHaveProperty('voucher');
  });

  it('creates the customer a new source_id names', () => {
    const { ctx, campaign } = world();
    const { publication } = publish(ctx, { customer: 'brand-new', campaign: campaign.id });
    expect(customers(ctx.tenant).findBy('source_id', 'brand-new')).toMatchObject({ id: publication.customer_id, created_at: NOW.toISOString() });
  });
});

describe('publish with join_once', () => {
  it('answers the publication and voucher the customer already has, and takes no other voucher', () => {
    const { ctx, campaign, codes, alice } = world();
    const first = publish(ctx, { customer: alice.id, campaign: campaign.id, join_once: true });
    const again = publish(ctx, { customer: alice.source_id, campaign: campaign.name, join_once: true });
    expect(again.publication).toBe(first.publication);
    expect(again.vouchers.map((v) => v.id)).toEqual([codes[0].id]);
    expect(voucherNow(ctx, codes[1]).holder_id).toBeUndefined();
    expect(publications(ctx.tenant).size).toBe(1);
  });

  it('gives a second voucher without join_once in a campaign that is not join-once', () => {
    const { ctx, campaign, codes, alice } = world();
    publish(ctx, { customer: alice.id, campaign: campaign.id });
    expect(publish(ctx, { customer: alice.id, campaign: campaign.id }).vouchers[0].id).toBe(codes[1].id);
  });

  const alreadyJoined = {
    status: 400,
    code: 400,
    key: 'voucher_cannot_be_published',
    message: 'Voucher cannot be published',
    details: 'Voucher cannot be published. Customer already joined program.',
  };

  it('refuses a second voucher of a join-once campaign', () => {
    const { ctx, campaign, alice } = world({ join_once: true });
    publish(ctx, { customer: alice.id, campaign: campaign.id });
    expect(voucherifyErrorOf(() => publish(ctx, { customer: alice.id, campaign: campaign.id }))).toEqual(alreadyJoined);
  });

  it('refuses a second card of a loyalty program', () => {
    const { ctx, campaign, alice } = world({ campaign_type: 'LOYALTY_PROGRAM', join_once: false });
    publish(ctx, { customer: alice.id, campaign: campaign.id });
    expect(voucherifyErrorOf(() => publish(ctx, { customer: alice.id, campaign: campaign.id }))).toEqual(alreadyJoined);
  });

  it('refuses a customer who holds a voucher of the campaign from the start, as its holder record says', () => {
    const campaign = aCampaign({ join_once: true });
    const held = aVoucher({ ...inCampaign(campaign) });
    const free = aVoucher({ ...inCampaign(campaign) });
    const alice = aCustomer();
    const heldByAlice = { ...held, holder_id: alice.id };
    const ctx = aContext({
      records: { campaigns: [campaign], vouchers: [heldByAlice, free], customers: [alice], redeemable_holders: [aHolder(holding(heldByAlice, campaign, alice))] },
    });
    expect(voucherifyErrorOf(() => publish(ctx, { customer: alice.id, campaign: campaign.id }))).toEqual(alreadyJoined);
    expect(voucherNow(ctx, free).holder_id).toBeUndefined();
  });
});

describe('publish a named voucher', () => {
  it('gives the voucher named by code or by id', () => {
    const { ctx, codes, alice, bob } = world();
    expect(publish(ctx, { customer: alice.id, voucher: codes[2].code }).vouchers[0].id).toBe(codes[2].id);
    expect(publish(ctx, { customer: bob.id, voucher: codes[1].id }).vouchers[0].id).toBe(codes[1].id);
  });

  it('makes the customer the REFERRER of a referral code', () => {
    const { ctx, codes, alice } = world({ campaign_type: 'REFERRAL_PROGRAM' });
    const [code] = publish(ctx, { customer: alice.id, voucher: codes[0].code }).vouchers;
    expect(code).toMatchObject({ is_referral_code: true, holder_id: alice.id, referrer_id: alice.id });
    expect(holders(ctx.tenant).firstOf('redeemable_role', `${code.id}|REFERRER`)?.customer_id).toBe(alice.id);
  });

  it('gives a standalone voucher', () => {
    const standalone = aVoucher();
    const alice = aCustomer();
    const ctx = aContext({ records: { vouchers: [standalone], customers: [alice] } });
    const { publication, vouchers: published } = publish(ctx, { customer: alice.id, voucher: standalone.code });
    expect(published[0]).toMatchObject({ id: standalone.id, holder_id: alice.id });
    expect(publication.voucher).toMatchObject({ code: standalone.code, campaign: null });
  });

  it.each<[string, (w: World) => void]>([
    ['to another customer', (w) => publish(w.ctx, { customer: w.bob.id, voucher: w.codes[0].code })],
    ['to the same customer again', (w) => publish(w.ctx, { customer: w.alice.id, voucher: w.codes[0].code })],
  ])('answers 400 voucher_already_published for a voucher published %s', (_case, again) => {
    const w = world();
    publish(w.ctx, { customer: w.alice.id, voucher: w.codes[0].code });
    expect(voucherifyErrorOf(() => again(w))).toEqual({
      status: 400,
      code: 400,
      key: 'voucher_already_published',
      message: 'Voucher already published',
      details: `Voucher '${w.codes[0].id}' has already been published`,
    });
    expect(voucherNow(w.ctx, w.codes[0])).toMatchObject({ holder_id: w.alice.id, publish: { count: 1 } });
  });
});

describe('publish errors', () => {
  it.each<[string, (w: World) => unknown, object]>([
    [
      'neither a voucher nor a campaign',
      (w) => publish(w.ctx, { customer: w.alice.id }),
      { status: 400, code: 400, key: 'missing_vouchers', message: 'Missing vouchers', details: 'Either Campaign or Voucher is required' },
    ],
    [
      'an unknown voucher',
      (w) => publish(w.ctx, { customer: w.alice.id, voucher: 'NO-SUCH-CODE' }),
      { status: 404, code: 404, key: 'not_found', message: 'Resource not found', details: 'Cannot find voucher with id NO-SUCH-CODE' },
    ],
    [
      'an unknown campaign',
      (w) => publish(w.ctx, { customer: w.alice.id, campaign: 'No Such Campaign' }),
      { status: 404, code: 404, key: 'not_found', message: 'Resource not found', details: 'Cannot find campaign with id No Such Campaign' },
    ],
    [
      'an unknown customer id',
      (w) => publish(w.ctx, { customer: 'cust_nobody', campaign: w.campaign.id }),
      { status: 404, code: 404, key: 'not_found', message: 'Resource not found', details: 'Cannot find customer with id cust_nobody' },
    ],
    [
      'a campaign.count above 1 with a source_id',
      (w) => publish(w.ctx, { customer: w.alice.id, campaign: { id: w.campaign.id, count: 2 }, source_id: 'pub-1' }),
      { status: 400, code: 400, key: 'too_many_vouchers_requested', message: 'Too many vouchers requested', details: 'Only up to 1 can be published' },
    ],
    [
      'a campaign.count above the most a request may publish',
      (w) => publish(w.ctx, { customer: w.alice.id, campaign: { id: w.campaign.id, count: 3 } }, { maxCount: 2 }),
      { status: 400, code: 400, key: 'too_many_vouchers_requested', message: 'Too many vouchers requested', details: 'Only up to 2 can be published' },
    ],
  ])('answers for %s', (_case, attempt, expected) => {
    expect(voucherifyErrorOf(() => attempt(world()))).toEqual(expected);
  });

  it('answers 400 duplicate_source_id for a publication source_id in use', () => {
    const { ctx, campaign, alice, bob } = world();
    publish(ctx, { customer: alice.id, campaign: campaign.id, source_id: 'pub-1' });
    expect(voucherifyErrorOf(() => publish(ctx, { customer: bob.id, campaign: campaign.id, source_id: 'pub-1' }))).toEqual({
      status: 400,
      code: 400,
      key: 'duplicate_source_id',
      message: 'Duplicate source_id',
      details: "Publication with source_id: 'pub-1' already exists",
    });
  });

  it('answers 400 no_voucher_suitable_for_publication when a STATIC campaign has no free voucher', () => {
    const { ctx, campaign, alice, bob } = world({ type: 'STATIC' }, [{}]);
    publish(ctx, { customer: alice.id, campaign: campaign.id });
    expect(voucherifyErrorOf(() => publish(ctx, { customer: bob.id, campaign: campaign.id }))).toEqual({
      status: 400,
      code: 400,
      key: 'no_voucher_suitable_for_publication',
      message: "Couldn't find any voucher suitable for publication",
      details: "Couldn't create new vouchers for publication",
    });
  });
});
