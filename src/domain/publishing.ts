// Publishing: giving a voucher (a named code, or the next free one of a campaign) to a customer,
// and the holder it makes of that customer. Publications, loyalty members and Capillary's
// referrals all publish this way.

import {
  customerAlreadyJoined,
  duplicateSourceId,
  invalidPayload,
  missingVouchers,
  noVoucherSuitableForPublication,
  notFound,
  tooManyVouchersRequested,
  voucherAlreadyPublished,
} from '../errors.js';
import { timestamp } from '../store/clock.js';
import { campaigns, holders, publications, vouchers } from './collections.js';
import type { Context } from './context.js';
import { emitPublicationEvents } from './events.js';
import { upsertCustomer, type CustomerInput } from './customers.js';
import { buildHolder, heldVoucherOf, publishedRole } from './holders.js';
import { findCustomer, findVoucher, getCampaign, getVoucher } from './lookups.js';
import { trackTier } from './loyalty-tiers.js';
import type { Campaign, Customer, Metadata, Publication, PublicationCustomer, PublicationVoucher, Voucher } from './records.js';
import { TYPE_PART, generateVouchers } from './vouchers.js';

/** What a caller sends to publish: the body of POST /v1/publications, or the query of GET /v1/publications/create. */
export interface PublishRequest {
  /** A customer id or source_id, or a customer object (upserted). */
  customer: unknown;
  /** A code to publish; when given, `campaign` is not used. */
  voucher?: string;
  /** The campaign's name or id, as a string or as { name } / { id }; `count` publishes several codes at once. */
  campaign?: unknown;
  // null (as a publication's answer shows them unset) is the same as leaving them out.
  source_id?: string | null;
  metadata?: Metadata | null;
  channel?: string | null;
  /** The customer keeps one code of the campaign: a repeated request answers the first publication. */
  join_once?: boolean;
}

export interface PublishOptions {
  /** Loyalty members: the program the card must come from (a `voucher` of another campaign is not found). */
  program?: Campaign;
  /** How many codes one request may publish (GET /v1/publications/create: 1). */
  maxCount?: number;
}

export interface PublishResult {
  publication: Publication;
  /** The published vouchers as they are now (holder, publish.count). */
  vouchers: Voucher[];
}

interface CampaignRef {
  idOrName: string;
  count: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** campaign as a string ("Summer Sale 2026" or camp_…) or as { name } / { id }, with an optional count. */
function campaignRef(campaign: unknown): CampaignRef {
  if (typeof campaign === 'string' && campaign !== '') return { idOrName: campaign, count: 1 };
  if (isObject(campaign)) {
    const idOrName = campaign.name ?? campaign.id;
    if (typeof idOrName !== 'string' || idOrName === '') throw invalidPayload("Property .campaign must have required property 'name'");
    return { idOrName, count: typeof campaign.count === 'number' ? campaign.count : 1 };
  }
  throw invalidPayload('Property .campaign must be a campaign name or an object with name');
}

/**
 * The customer a publication names, as an upsert input. A string is an existing customer's id or
 * source_id; an unknown cust_… id is 404, any other unknown string is the source_id of a new customer.
 * An object with only an email or a name is a new customer.
 */
function customerInput(ctx: Context, customer: unknown): CustomerInput {
  if (typeof customer === 'string' && customer !== '') {
    const existing = findCustomer(ctx, customer);
    if (existing) return { id: existing.id };
    if (customer.startsWith('cust_')) throw notFound('customer', customer);
    return { source_id: customer };
  }
  if (isObject(customer)) {
    // Without id or source_id, Voucherify creates the customer from what it is told (an email, a
    // name): a new customer with no source_id. An object that says nothing of the customer is refused.
    if (customer.id === undefined && customer.source_id == null && customer.email == null && customer.name == null) {
      throw invalidPayload("Property .customer must have required property 'id', 'source_id', 'email' or 'name'");
    }
    return customer as CustomerInput;
  }
  throw invalidPayload('Property .customer must be a customer id, a source_id or a customer object');
}

/** The earlier publication of `voucher` to `customer`, if there is one. */
function publicationOf(ctx: Context, voucher: Voucher, customer: Customer): Publication | undefined {
  return publications(ctx.tenant)
    .groupOf('voucher_id', voucher.id)
    .find((p) => p.customer_id === customer.id);
}

/**
 * The campaign's next voucher that nobody holds (the oldest first). An AUTO_UPDATE campaign
 * with none left makes one from its code_config; a STATIC one answers 400.
 */
function nextFreeVoucher(ctx: Context, campaign: Campaign): Voucher {
  const all = vouchers(ctx.tenant);
  let free = all.firstOf('campaign_unpublished', campaign.id);
  // A disabled code is not suitable; skipping it needs the whole group, which is rare.
  if (free && free.active === false) free = all.groupOf('campaign_unpublished', campaign.id).find((v) => v.active !== false);
  if (free) return free;
  if (campaign.type === 'AUTO_UPDATE' && campaign.campaign_type !== 'PROMOTION') return generateVouchers(ctx, campaign, 1)[0];
  throw noVoucherSuitableForPublication();
}

/**
 * Makes `customer` the voucher's holder: REFERRER of a referral code (the referral holders
 * endpoints then see the code as published), OWNER of any other code. The voucher gets
 * holder_id (and referrer_id), one more publish.count, and updated_at; a loyalty card's holder
 * is placed in the program's tiers.
 */
function assignHolder(ctx: Context, now: string, voucher: Voucher, customer: Customer, campaign: Campaign | undefined): Voucher {
  const role = publishedRole(voucher);
  holders(ctx.tenant).put(buildHolder(ctx, voucher, campaign, customer.id, role, now));
  const held = vouchers(ctx.tenant).put({
    ...voucher,
    holder_id: customer.id,
    ...(role === 'REFERRER' ? { referrer_id: customer.id } : {}),
    publish: { ...voucher.publish, count: voucher.publish.count + 1 },
    updated_at: now,
  });
  // A new member of a program with tiers is in the tier their points reach from the start.
  if (held.type === 'LOYALTY_CARD') trackTier(ctx, held);
  return held;
}

export function publicationCustomer(customer: Customer): PublicationCustomer {
  return {
    id: customer.id,
    name: customer.name ?? null,
    email: customer.email ?? null,
    source_id: customer.source_id,
    metadata: customer.metadata,
    object: 'customer',
  };
}

/** The short voucher of a publication list: code, campaign name, and the part its type has. */
export function publicationVoucher(voucher: Voucher): PublicationVoucher {
  const summary: PublicationVoucher = { code: voucher.code, object: 'voucher', campaign: voucher.campaign, is_referral_code: voucher.is_referral_code };
  const part = TYPE_PART[voucher.type];
  if (part === 'discount') summary.discount = voucher.discount ?? null;
  else if (part === 'gift') summary.gift = voucher.gift ?? null;
  else if (part === 'loyalty_card') summary.loyalty_card = voucher.loyalty_card ?? null;
  return summary;
}

/** The vouchers a publication gave out, as they are now. */
function publishedVouchers(ctx: Context, publication: Publication): Voucher[] {
  const all = vouchers(ctx.tenant);
  return (publication.vouchers_id ?? [publication.voucher_id]).map((id) => all.get(id)).filter((v): v is Voucher => v !== undefined);
}

/**
 * Publishes one voucher (or `campaign.count` of a campaign's) to a customer, or answers the
 * earlier publication when `join_once` finds the customer already holding one. All checks that
 * need no write run first; the request's transaction takes back the writes if a later one fails.
 */
export function publish(ctx: Context, request: PublishRequest, options: PublishOptions = {}): PublishResult {
  // Where the codes come from: a named code (the campaign is then not used), or a campaign.
  let named: Voucher | undefined;
  let campaign: Campaign | undefined;
  let count = 1;
  if (options.program) {
    campaign = options.program;
    if (request.voucher !== undefined) {
      named = findVoucher(ctx, request.voucher);
      if (!named || named.campaign_id !== campaign.id) throw notFound('voucher', request.voucher);
    }
  } else if (request.voucher !== undefined) {
    named = getVoucher(ctx, request.voucher);
    campaign = named.campaign_id ? campaigns(ctx.tenant).get(named.campaign_id) : undefined;
  } else if (request.campaign !== undefined) {
    const ref = campaignRef(request.campaign);
    campaign = getCampaign(ctx, ref.idOrName);
    count = ref.count;
  } else {
    throw missingVouchers();
  }
  const maxCount = request.source_id != null ? 1 : (options.maxCount ?? Infinity);
  if (count > maxCount) throw tooManyVouchersRequested(maxCount);

  const input = customerInput(ctx, request.customer);
  if (request.source_id != null && publications(ctx.tenant).countOf('source_id', request.source_id) > 0) {
    throw duplicateSourceId(request.source_id);
  }
  const customer = upsertCustomer(ctx, input);

  // One code per customer: join_once answers the code the customer already has; a join-once
  // campaign (every loyalty program) refuses a second one.
  const held = campaign ? heldVoucherOf(ctx, customer.id, campaign) : named?.holder_id === customer.id ? named : undefined;
  if (held) {
    const earlier = request.join_once ? publicationOf(ctx, held, customer) : undefined;
    if (earlier) return { publication: earlier, vouchers: publishedVouchers(ctx, earlier) };
    if (request.join_once || campaign?.join_once || campaign?.campaign_type === 'LOYALTY_PROGRAM') throw customerAlreadyJoined();
  }
  if (named?.holder_id) throw voucherAlreadyPublished(named.id);

  const now = timestamp(ctx.clock);
  const published: Voucher[] = [];
  for (let i = 0; i < count; i++) {
    const voucher = named ?? nextFreeVoucher(ctx, campaign as Campaign);
    published.push(assignHolder(ctx, now, voucher, customer, campaign));
  }
  const record: Publication = {
    id: ctx.ids.publication(),
    object: 'publication',
    created_at: now,
    customer_id: customer.id,
    tracking_id: customer.source_id,
    metadata: request.metadata ?? {},
    channel: request.channel ?? 'API',
    source_id: request.source_id ?? null,
    result: 'SUCCESS',
    customer: publicationCustomer(customer),
    ...(published.length === 1 ? { voucher: publicationVoucher(published[0]) } : { vouchers: published.map((v) => v.code) }),
    vouchers_id: published.map((v) => v.id),
    voucher_id: published[0].id,
  };
  const publication = publications(ctx.tenant).put(record);
  emitPublicationEvents(ctx, publication, published);
  return { publication, vouchers: published };
}
