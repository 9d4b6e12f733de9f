// Test data builders: complete typed records (and a domain Context holding them) for pure-rule tests, and API builders that create data through the real endpoints for HTTP suites.

import { completeCodeConfig } from '../../src/domain/codes.js';
import type { Context } from '../../src/domain/context.js';
import type { Campaign, CampaignType, Customer, Publication, RedeemableHolder, Voucher, VoucherTemplate, VoucherType } from '../../src/domain/records.js';
import { collections } from '../../src/resources/index.js';
import type { Clock } from '../../src/store/clock.js';
import { emptyTenantData } from '../../src/store/fixtures.js';
import { ALNUM, createIdGenerator } from '../../src/store/ids.js';
import { Store } from '../../src/store/store.js';
import { NOW, type Agent } from '../helpers.js';

// ---- record builders ---------------------------------------------------------------------------

/** Ids for built records: Voucherify-shaped (camp_…, v_…, cust_…, rh_… growing with time) and the same on every run. */
const ids = createIdGenerator(20_260_101);
/** Built records are numbered; the number makes names, codes and source_ids unique and created_at grow. */
let built = 0;
/** The instant the first built record was created; each later one is a second newer. */
const FIRST_CREATED = Date.parse('2026-01-01T00:00:00.000Z');
const nextNumber = () => ++built;
const createdAt = (n: number) => new Date(FIRST_CREATED + n * 1000).toISOString();

/** The part of a voucher its type has, as Voucherify shows an unused one. */
function typeParts(type: VoucherType): Pick<Voucher, 'discount' | 'gift' | 'loyalty_card'> {
  if (type === 'GIFT_VOUCHER') return { discount: null, gift: { amount: 10000, balance: 10000, effect: 'APPLY_TO_ORDER' }, loyalty_card: null };
  if (type === 'LOYALTY_CARD') return { discount: null, gift: null, loyalty_card: { points: 0, balance: 0 } };
  return { discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' }, gift: null, loyalty_card: null };
}

/**
 * A complete voucher: by default a standalone, active, unpublished DISCOUNT_VOUCHER (1000 off)
 * with a unique code. A `type` override brings that type's own part (gift, loyalty_card).
 */
export function aVoucher(overrides: Partial<Voucher> = {}): Voucher {
  const n = nextNumber();
  const code = overrides.code ?? `CODE-${String(n).padStart(4, '0')}`;
  const type = overrides.type ?? 'DISCOUNT_VOUCHER';
  return {
    id: ids.voucher(),
    code,
    campaign: null,
    campaign_id: null,
    category: null,
    category_id: null,
    categories: [],
    type,
    ...typeParts(type),
    start_date: null,
    expiration_date: null,
    validity_timeframe: null,
    validity_day_of_week: null,
    active: true,
    additional_info: null,
    metadata: {},
    assets: {
      qr: { id: `qr_${ids.code(ALNUM, 24)}`, url: `/v1/assets/qr/${encodeURIComponent(code)}` },
      barcode: { id: `bc_${ids.code(ALNUM, 24)}`, url: `/v1/assets/barcode/${encodeURIComponent(code)}` },
    },
    is_referral_code: false,
    created_at: createdAt(n),
    updated_at: null,
    validation_rules_assignments: { object: 'list', data_ref: 'data', data: [], total: 0 },
    redemption: {
      quantity: null,
      redeemed_quantity: 0,
      ...(type === 'GIFT_VOUCHER' ? { redeemed_amount: 0 } : type === 'LOYALTY_CARD' ? { redeemed_points: 0 } : {}),
      object: 'list',
      url: `/v1/vouchers/${encodeURIComponent(code)}/redemptions?page=1&limit=10`,
    },
    publish: { object: 'list', count: 0, url: `/v1/vouchers/${encodeURIComponent(code)}/publications?page=1&limit=10` },
    object: 'voucher',
    ...overrides,
  };
}

/** The voucher fields that put a voucher in `campaign`: `aVoucher(inCampaign(campaign))`. */
export function inCampaign(campaign: Campaign): Partial<Voucher> {
  const type = campaign.voucher?.type ?? 'DISCOUNT_VOUCHER';
  return {
    campaign: campaign.name,
    campaign_id: campaign.id,
    type,
    ...typeParts(type),
    ...(type === 'DISCOUNT_VOUCHER' && campaign.voucher?.discount ? { discount: campaign.voucher.discount } : {}),
    is_referral_code: campaign.campaign_type === 'REFERRAL_PROGRAM',
  };
}

const TEMPLATES: Record<CampaignType, VoucherTemplate | undefined> = {
  DISCOUNT_COUPONS: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' }, redemption: { quantity: 1 } },
  REFERRAL_PROGRAM: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' }, redemption: { quantity: null }, is_referral_code: true },
  GIFT_VOUCHERS: { type: 'GIFT_VOUCHER', gift: { amount: 5000, effect: 'APPLY_TO_ORDER' }, redemption: { quantity: null } },
  LOYALTY_PROGRAM: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 }, redemption: { quantity: null } },
  PROMOTION: undefined,
};

/** A complete campaign: by default an active AUTO_UPDATE DISCOUNT_COUPONS campaign with a unique name; the template follows `campaign_type`. */
export function aCampaign(overrides: Partial<Campaign> = {}): Campaign {
  const n = nextNumber();
  const campaignType = overrides.campaign_type ?? 'DISCOUNT_COUPONS';
  const template = TEMPLATES[campaignType];
  return {
    id: ids.campaign(),
    name: `Campaign ${n}`,
    campaign_type: campaignType,
    type: 'AUTO_UPDATE',
    ...(template ? { voucher: { ...template, is_referral_code: campaignType === 'REFERRAL_PROGRAM', code_config: completeCodeConfig({ prefix: `C${n}-` }) } } : {}),
    auto_join: false,
    join_once: campaignType === 'LOYALTY_PROGRAM',
    use_voucher_metadata_schema: true,
    start_date: null,
    expiration_date: null,
    validity_timeframe: null,
    validity_day_of_week: null,
    vouchers_count: 0,
    active: true,
    metadata: {},
    created_at: createdAt(n),
    updated_at: null,
    category: null,
    category_id: null,
    categories: [],
    creation_status: 'DONE',
    vouchers_generation_status: 'DONE',
    protected: false,
    object: 'campaign',
    ...overrides,
  };
}

/** A complete customer with a unique source_id, name and email, and the zero counters a new customer shows. */
export function aCustomer(overrides: Partial<Customer> = {}): Customer {
  const n = nextNumber();
  return {
    id: ids.customer(),
    source_id: `customer-${n}`,
    name: `Customer ${n}`,
    email: `customer-${n}@example.com`,
    address: null,
    summary: {
      redemptions: {
        total_redeemed: 0,
        total_failed: 0,
        total_succeeded: 0,
        total_rolled_back: 0,
        total_rollback_failed: 0,
        total_rollback_succeeded: 0,
        gift: { redeemed_amount: 0, amount_to_go: 0 },
        loyalty_card: { redeemed_points: 0, points_to_go: 0 },
      },
      orders: { total_amount: 0, total_count: 0, average_amount: 0, last_order_amount: 0 },
    },
    loyalty: { points: 0, referred_customers: 0, campaigns: {} },
    referrals: { total: 0, campaigns: [] },
    metadata: {},
    system_metadata: {},
    created_at: createdAt(n),
    object: 'customer',
    ...overrides,
  };
}

/**
 * A complete redeemable holder: by default the OWNER of a discount voucher. Pass the voucher and
 * customer it relates (`redeemable_id`, `campaign_id`, `customer_id`) as overrides, or use `holding`.
 */
export function aHolder(overrides: Partial<RedeemableHolder> = {}): RedeemableHolder {
  const n = nextNumber();
  return {
    id: ids.holder(),
    created_at: createdAt(n),
    redeemable_id: ids.voucher(),
    redeemable_object: 'voucher',
    campaign_id: ids.campaign(),
    campaign_type: 'DISCOUNT_COUPONS',
    voucher_type: 'DISCOUNT_VOUCHER',
    customer_id: ids.customer(),
    holder_role: 'OWNER',
    object: 'redeemable_holder',
    ...overrides,
  };
}

/** The holder fields that relate `customer` to `voucher` of `campaign`: `aHolder(holding(voucher, campaign, customer))`. */
export function holding(voucher: Voucher, campaign: Campaign, customer: Customer, role: RedeemableHolder['holder_role'] = 'OWNER'): Partial<RedeemableHolder> {
  return {
    redeemable_id: voucher.id,
    campaign_id: campaign.id,
    campaign_type: campaign.campaign_type,
    voucher_type: voucher.type,
    customer_id: customer.id,
    holder_role: role,
  };
}

/** The records a Context's tenant starts with, by collection; every collection left out starts empty. */
export interface ContextRecords {
  campaigns?: Campaign[];
  vouchers?: Voucher[];
  customers?: Customer[];
  redeemable_holders?: RedeemableHolder[];
  publications?: Publication[];
}

export interface ContextOptions {
  records?: ContextRecords;
  /** Seeds the id generator (generated ids and codes); the same seed gives the same ids. */
  seed?: number;
  /** The fixed instant the clock answers. */
  now?: Date;
}

/** A domain Context over a fresh in-memory tenant holding `records`, with seeded ids and a fixed clock. */
export function aContext(options: ContextOptions = {}): Context {
  const fixtures = emptyTenantData(collections);
  for (const [name, records] of Object.entries(options.records ?? {})) {
    for (const record of records as { id: string }[]) fixtures[name][record.id] = record;
  }
  const now = options.now ?? NOW;
  const clock: Clock = () => new Date(now);
  const contextIds = createIdGenerator(options.seed ?? 42);
  return { tenant: Store.inMemory(fixtures, collections).tenant('test-tenant'), ids: contextIds, clock, requestId: contextIds.requestId() };
}

// ---- API builders ------------------------------------------------------------------------------

/** Numbers the names the API builders make, so that several calls in one test never collide. */
let given = 0;
const nextGiven = () => ++given;

type Body = Record<string, unknown>;

async function created(response: PromiseLike<{ status: number; body: Body }>, expected = 200): Promise<Body> {
  const res = await response;
  expect(res.status).toBe(expected);
  return res.body;
}

/** A campaign created by POST /v1/campaigns: by default AUTO_UPDATE DISCOUNT_COUPONS, 10% off, no vouchers yet. */
export function givenCampaign(api: Agent, overrides: Body = {}): Promise<Body> {
  const n = nextGiven();
  return created(
    api.post('/v1/campaigns', {
      name: `Test Campaign ${n}`,
      campaign_type: 'DISCOUNT_COUPONS',
      type: 'AUTO_UPDATE',
      voucher: {
        type: 'DISCOUNT_VOUCHER',
        discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' },
        redemption: { quantity: 1 },
      },
      ...overrides,
    }),
  );
}

/** The part of a new voucher's body its type needs (a voucher added to a campaign takes the campaign's). */
function voucherTypeDefaults(overrides: Body): Body {
  if (overrides.campaign !== undefined || overrides.campaign_id !== undefined) return {};
  if (overrides.type === 'GIFT_VOUCHER') return { type: 'GIFT_VOUCHER', gift: { amount: 10000, effect: 'APPLY_TO_ORDER' } };
  if (overrides.type === 'LOYALTY_CARD') return { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } };
  return { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } };
}

/**
 * A voucher created by POST /v1/vouchers/{code}: by default a standalone DISCOUNT_VOUCHER (1000
 * off) with a unique code. `code` picks the code; `campaign`/`campaign_id` add it to a campaign,
 * whose template then gives its type and value.
 */
export function givenVoucher(api: Agent, overrides: Body = {}): Promise<Body> {
  const { code = `GIVEN-${nextGiven()}`, ...body } = overrides;
  return created(api.post(`/v1/vouchers/${encodeURIComponent(String(code))}`, { ...voucherTypeDefaults(body), ...body }));
}

/** A customer created by POST /v1/customers, with a unique source_id, name and email. */
export function givenCustomer(api: Agent, overrides: Body = {}): Promise<Body> {
  const n = nextGiven();
  return created(api.post('/v1/customers', { source_id: `given-customer-${n}`, name: `Given Customer ${n}`, email: `given-customer-${n}@example.com`, ...overrides }));
}

/**
 * A REFERRAL_PROGRAM campaign with one code, published (POST /v1/publications) to a new customer,
 * who is its REFERRER. `code` is the referral code as GET /v1/vouchers/{code} answers it.
 */
export async function givenReferralCode(api: Agent): Promise<{ campaign: Body; code: Body; referrer: Body }> {
  const n = nextGiven();
  const campaign = await givenCampaign(api, {
    name: `Test Referral Program ${n}`,
    campaign_type: 'REFERRAL_PROGRAM',
    vouchers_count: 1,
    referral_program: { conversion_event_type: 'redemption' },
    voucher: {
      type: 'DISCOUNT_VOUCHER',
      discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' },
      is_referral_code: true,
      code_config: { prefix: `REF${n}-`, length: 8, charset: 'Alphabetic Uppercase' },
    },
  });
  const referrer = await givenCustomer(api);
  const publication = await created(api.post('/v1/publications', { campaign: { id: campaign.id }, customer: referrer.id }));
  const { code: published } = publication.voucher as { code: string };
  const code = await created(api.get(`/v1/vouchers/${encodeURIComponent(published)}`));
  return { campaign, code, referrer };
}

/** A LOYALTY_PROGRAM with one card, given (POST /v1/loyalties/{id}/members) to a new customer. */
export async function givenLoyaltyCard(api: Agent): Promise<{ program: Body; card: Body; customer: Body }> {
  const n = nextGiven();
  const program = await created(
    api.post('/v1/loyalties', {
      name: `Test Loyalty Program ${n}`,
      type: 'AUTO_UPDATE',
      vouchers_count: 1,
      voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 }, code_config: { pattern: `LP${n}-########`, charset: 'Numbers' } },
    }),
  );
  const customer = await givenCustomer(api);
  const card = await created(api.post(`/v1/loyalties/${encodeURIComponent(String(program.id))}/members`, { customer: customer.id }));
  return { program, card, customer };
}
