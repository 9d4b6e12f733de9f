// Publications: giving a voucher (a named code, or the next free one of a campaign) to a customer,
// the holder it makes of that customer, and the list of publications.

import {
  customerAlreadyJoined,
  duplicateSourceId,
  invalidPayload,
  missingVouchers,
  noVoucherSuitableForPublication,
  notFound,
  pageOverLimit,
  tooManyVouchersRequested,
  voucherAlreadyPublished,
} from '../../errors.js';
import { timestamp, type Clock } from '../../store/clock.js';
import { applyFilters, type Filters } from '../../store/filters.js';
import type { IdGenerator } from '../../store/ids.js';
import type {
  Campaign,
  Customer,
  HolderRole,
  Metadata,
  Publication,
  PublicationCustomer,
  PublicationVoucher,
  Voucher,
  VoucherType,
} from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';
import { generateVouchers, getCampaign } from '../campaigns/model.js';
import { findCustomer, upsertCustomer, type CustomerInput } from '../customers/model.js';
import { buildHolder } from '../referrals/model.js';
import { findVoucher, getVoucher } from '../vouchers/model.js';
import { numberedPage } from '../../store/numbered-page.js';

/** What a caller sends to publish: the body of POST /v1/publications, or the query of GET /v1/publications/create. */
export interface PublishRequest {
  /** A customer id or source_id, or a customer object (upserted). */
  customer: unknown;
  /** A code to publish; when given, `campaign` is not used. */
  voucher?: string;
  /** The campaign's name or id, as a string or as { name } / { id }; `count` publishes several codes at once. */
  campaign?: unknown;
  source_id?: string;
  metadata?: Metadata;
  channel?: string;
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
 */
function customerInput(tenant: Tenant, customer: unknown): CustomerInput {
  if (typeof customer === 'string' && customer !== '') {
    const existing = findCustomer(tenant, customer);
    if (existing) return { id: existing.id };
    if (customer.startsWith('cust_')) throw notFound('customer', customer);
    return { source_id: customer };
  }
  if (isObject(customer)) {
    if (customer.id === undefined && customer.source_id === undefined) {
      throw invalidPayload("Property .customer must have required property 'id' or 'source_id'");
    }
    return customer as CustomerInput;
  }
  throw invalidPayload('Property .customer must be a customer id, a source_id or a customer object');
}

/** The holder roles that make a customer a campaign's member (referees only use someone else's code). */
const OWNING_ROLES: HolderRole[] = ['OWNER', 'REFERRER'];

/** A voucher of `campaign` that the customer already holds, found through the customer's holder records. */
function heldVoucherOf(tenant: Tenant, customer: Customer, campaign: Campaign): Voucher | undefined {
  for (const holder of tenant.holders.groupOf('customer_id', customer.id)) {
    if (holder.campaign_id === campaign.id && OWNING_ROLES.includes(holder.holder_role)) return tenant.vouchers.get(holder.redeemable_id);
  }
  return undefined;
}

/** The earlier publication of `voucher` to `customer`, if there is one. */
function publicationOf(tenant: Tenant, voucher: Voucher, customer: Customer): Publication | undefined {
  return tenant.publications.groupOf('voucher_id', voucher.id).find((p) => p.customer_id === customer.id);
}

/**
 * The campaign's next voucher that nobody holds (the oldest first). An AUTO_UPDATE campaign
 * with none left makes one from its code_config; a STATIC one answers 400.
 */
function nextFreeVoucher(tenant: Tenant, ids: IdGenerator, clock: Clock, campaign: Campaign): Voucher {
  let free = tenant.vouchers.firstOf('campaign_unpublished', campaign.id);
  // A disabled code is not suitable; skipping it needs the whole group, which is rare.
  if (free && free.active === false) free = tenant.vouchers.groupOf('campaign_unpublished', campaign.id).find((v) => v.active !== false);
  if (free) return free;
  if (campaign.type === 'AUTO_UPDATE' && campaign.campaign_type !== 'PROMOTION') return generateVouchers(tenant, ids, clock, campaign, 1)[0];
  throw noVoucherSuitableForPublication();
}

/**
 * Makes `customer` the voucher's holder: REFERRER of a referral code (the referral holders
 * endpoints then see the code as published), OWNER of any other code. The voucher gets
 * holder_id (and referrer_id), one more publish.count, and updated_at.
 */
function assignHolder(tenant: Tenant, ids: IdGenerator, now: string, voucher: Voucher, customer: Customer, campaign: Campaign | undefined): Voucher {
  const role: HolderRole = voucher.is_referral_code ? 'REFERRER' : 'OWNER';
  tenant.holders.put(buildHolder(ids, now, voucher, campaign, customer.id, role));
  return tenant.vouchers.put({
    ...voucher,
    holder_id: customer.id,
    ...(role === 'REFERRER' ? { referrer_id: customer.id } : {}),
    publish: { ...voucher.publish, count: voucher.publish.count + 1 },
    updated_at: now,
  });
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
  const parts: Record<VoucherType, 'discount' | 'gift' | 'loyalty_card'> = {
    DISCOUNT_VOUCHER: 'discount',
    GIFT_VOUCHER: 'gift',
    LOYALTY_CARD: 'loyalty_card',
  };
  const part = parts[voucher.type];
  if (part) summary[part] = (voucher[part] as Record<string, unknown> | null | undefined) ?? null;
  return summary;
}

/**
 * Publishes one voucher (or `campaign.count` of a campaign's) to a customer, or answers the
 * earlier publication when `join_once` finds the customer already holding one. All checks that
 * need no write run first; the request's transaction takes back the writes if a later one fails.
 */
export function publish(tenant: Tenant, ids: IdGenerator, clock: Clock, request: PublishRequest, options: PublishOptions = {}): PublishResult {
  // Where the codes come from: a named code (the campaign is then not used), or a campaign.
  let named: Voucher | undefined;
  let campaign: Campaign | undefined;
  let count = 1;
  if (options.program) {
    campaign = options.program;
    if (request.voucher !== undefined) {
      named = findVoucher(tenant, request.voucher);
      if (!named || named.campaign_id !== campaign.id) throw notFound('voucher', request.voucher);
    }
  } else if (request.voucher !== undefined) {
    named = getVoucher(tenant, request.voucher);
    campaign = named.campaign_id ? tenant.campaigns.get(named.campaign_id) : undefined;
  } else if (request.campaign !== undefined) {
    const ref = campaignRef(request.campaign);
    campaign = getCampaign(tenant, ref.idOrName);
    count = ref.count;
  } else {
    throw missingVouchers();
  }
  const maxCount = request.source_id !== undefined ? 1 : (options.maxCount ?? Infinity);
  if (count > maxCount) throw tooManyVouchersRequested(maxCount);

  const input = customerInput(tenant, request.customer);
  if (request.source_id !== undefined && tenant.publications.countOf('source_id', request.source_id) > 0) {
    throw duplicateSourceId(request.source_id);
  }
  const customer = upsertCustomer(tenant, ids, clock, input);

  // One code per customer: join_once answers the code the customer already has; a join-once
  // campaign (every loyalty program) refuses a second one.
  const held = campaign ? heldVoucherOf(tenant, customer, campaign) : named?.holder_id === customer.id ? named : undefined;
  if (held) {
    const earlier = request.join_once ? publicationOf(tenant, held, customer) : undefined;
    if (earlier) return { publication: earlier, vouchers: voucherList(tenant, earlier) };
    if (request.join_once || campaign?.join_once || campaign?.campaign_type === 'LOYALTY_PROGRAM') throw customerAlreadyJoined();
  }
  if (named?.holder_id) throw voucherAlreadyPublished(named.id);

  const now = timestamp(clock);
  const published: Voucher[] = [];
  for (let i = 0; i < count; i++) {
    const voucher = named ?? nextFreeVoucher(tenant, ids, clock, campaign as Campaign);
    published.push(assignHolder(tenant, ids, now, voucher, customer, campaign));
  }
  const record: Publication = {
    id: ids.publication(),
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
  return { publication: tenant.publications.put(record), vouchers: published };
}

/** The vouchers a publication gave out, as they are now. */
function voucherList(tenant: Tenant, publication: Publication): Voucher[] {
  const idsOf = publication.vouchers_id ?? [publication.voucher_id];
  return idsOf.map((id) => tenant.vouchers.get(id)).filter((v): v is Voucher => v !== undefined);
}

/**
 * A publication as the list shows it. Records from fixtures may lack the voucher summary, the
 * customer snapshot or vouchers_id: those come from the current voucher and customer.
 */
export function publicationView(tenant: Tenant, publication: Publication): Record<string, unknown> {
  const { voucher_id: voucherId, ...shown } = publication;
  const view: Record<string, unknown> = { ...shown, vouchers_id: publication.vouchers_id ?? [voucherId] };
  if (!publication.vouchers && !publication.voucher) {
    const voucher = tenant.vouchers.get(voucherId);
    if (voucher) view.voucher = publicationVoucher(voucher);
  }
  if (!publication.customer || !('source_id' in publication.customer)) {
    const customer = tenant.customers.get(publication.customer_id);
    if (customer) view.customer = publicationCustomer(customer);
  }
  if (view.tracking_id === undefined) view.tracking_id = null;
  return view;
}

/** The answer to a publish request: the publication, with the whole voucher when there is one. */
export function publishView(tenant: Tenant, result: PublishResult): Record<string, unknown> {
  const view = publicationView(tenant, result.publication);
  if (result.vouchers.length === 1 && !result.publication.vouchers) view.voucher = result.vouchers[0];
  return view;
}

export interface PublicationListQuery {
  limit?: number;
  page?: number;
  order?: string;
  campaign?: string;
  customer?: string;
  voucher?: string;
  result?: 'SUCCESS' | 'FAILURE';
  voucher_type?: string;
  is_referral_code?: boolean;
  source_id?: string;
  filters?: Filters;
}

/** voucher_type as the API documents it (discount, loyalty) and as the SDK sends it (DISCOUNT, GIFT, LOYALTY_CARD). */
const VOUCHER_TYPES: Record<string, VoucherType | undefined> = {
  discount: 'DISCOUNT_VOUCHER',
  gift: 'GIFT_VOUCHER',
  loyalty: 'LOYALTY_CARD',
  loyalty_card: 'LOYALTY_CARD',
  lucky_draw: undefined,
};

/** What the list's filters[...] conditions look at, per publication. */
interface FilterRow {
  publication: Publication;
  voucher: Voucher | undefined;
  customer_id: string;
  result: string;
  failure_code: unknown;
  source_id: string | null;
  campaign_name: string | null | undefined;
  voucher_type: string | undefined;
  is_referral_code: string | undefined;
  parent_object_id: string | null | undefined;
  related_object_id: string;
}

/**
 * One page of publications, newest first unless `order` says otherwise. The plain parameters
 * (campaign, customer, voucher, …) and filters[...] all apply; page 1001 and above answer
 * page_over_limit, as Voucherify does.
 */
export function listPublications(tenant: Tenant, clock: Clock, query: PublicationListQuery) {
  const page = query.page ?? 1;
  if (page > 1000) throw pageOverLimit();
  const customer = query.customer !== undefined ? findCustomer(tenant, query.customer) : undefined;
  const wantedType = query.voucher_type !== undefined ? VOUCHER_TYPES[query.voucher_type.toLowerCase()] ?? null : undefined;

  let rows: FilterRow[] = tenant.publications.all().map((publication) => {
    const voucher = tenant.vouchers.get(publication.voucher_id);
    return {
      publication,
      voucher,
      customer_id: publication.customer_id,
      result: publication.result,
      failure_code: publication.failure_code,
      source_id: publication.source_id,
      campaign_name: voucher?.campaign,
      voucher_type: voucher?.type,
      is_referral_code: voucher ? String(voucher.is_referral_code) : undefined,
      parent_object_id: voucher?.campaign_id,
      related_object_id: publication.voucher_id,
    };
  });
  rows = rows.filter((row) => {
    const { publication, voucher } = row;
    if (query.customer !== undefined && publication.customer_id !== (customer?.id ?? query.customer)) return false;
    if (query.campaign !== undefined && voucher?.campaign !== query.campaign && voucher?.campaign_id !== query.campaign) return false;
    if (query.voucher !== undefined && !(publication.vouchers_id ?? [publication.voucher_id]).some((id) => tenant.vouchers.get(id)?.code === query.voucher)) {
      return false;
    }
    if (query.result !== undefined && publication.result !== query.result) return false;
    if (wantedType !== undefined && voucher?.type !== wantedType) return false;
    // Voucherify documents that only `true` filters; `false` lists every publication.
    if (query.is_referral_code === true && voucher?.is_referral_code !== true) return false;
    if (query.source_id !== undefined && publication.source_id !== query.source_id) return false;
    return true;
  });
  rows = applyFilters(rows, query.filters, clock());

  const key = (row: FilterRow, field: string) => (field === 'voucher_code' ? row.voucher?.code : row.publication[field]);
  const { items, total } = numberedPage(rows, query, query.order ?? '-created_at', key);
  return { object: 'list' as const, data_ref: 'publications' as const, publications: items.map((row) => publicationView(tenant, row.publication)), total };
}
