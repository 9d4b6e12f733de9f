// Publications: the answer to a publish request and the list of publications. Publishing itself is
// shared with loyalty members and Capillary's referrals (domain/publishing.ts).

import { customers, publications, vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { shownCustomer } from '../../domain/customer-view.js';
import { findCustomer } from '../../domain/lookups.js';
import type { Publication, Voucher, VoucherType } from '../../domain/records.js';
import { publicationCustomer, publicationVoucher, type PublishResult } from '../../domain/publishing.js';
import { pageOverLimit } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import { applyFilters, fieldOf } from '../../lists/filters.js';
import { numberedPage, orderedPage } from '../../lists/numbered-page.js';
import type { RequestQuery } from '../../openapi/operation-types.js';

/**
 * A publication as the list shows it. Records from fixtures may lack the voucher summary, the
 * customer snapshot or vouchers_id: those come from the current voucher and customer.
 */
export function publicationView(ctx: Context, publication: Publication): Record<string, unknown> {
  const { voucher_id: voucherId, ...shown } = publication;
  const view: Record<string, unknown> = { ...shown, vouchers_id: publication.vouchers_id ?? [voucherId] };
  if (!publication.vouchers && !publication.voucher) {
    const voucher = vouchers(ctx.tenant).get(voucherId);
    if (voucher) view.voucher = publicationVoucher(voucher);
  }
  if (!publication.customer || !('source_id' in publication.customer)) {
    const customer = customers(ctx.tenant).get(publication.customer_id);
    if (customer) view.customer = publicationCustomer(customer);
  }
  if (view.tracking_id === undefined) view.tracking_id = null;
  return view;
}

/**
 * The answer to a publish request: the publication, with the whole voucher when there is one, and
 * the customer as the API shows customers (with summary, loyalty and referrals, as Voucherify's
 * answer has them).
 */
export function publishView(ctx: Context, result: PublishResult): Record<string, unknown> {
  const view = publicationView(ctx, result.publication);
  if (result.vouchers.length === 1 && !result.publication.vouchers) view.voucher = result.vouchers[0];
  const customer = customers(ctx.tenant).get(result.publication.customer_id);
  if (customer) view.customer = shownCustomer(ctx, customer);
  return view;
}

/** voucher_type as the API documents it (discount, loyalty) and as the SDK sends it (DISCOUNT, GIFT, LOYALTY_CARD). */
const VOUCHER_TYPES = new Map<string, VoucherType | undefined>([
  ['discount', 'DISCOUNT_VOUCHER'],
  ['gift', 'GIFT_VOUCHER'],
  ['loyalty', 'LOYALTY_CARD'],
  ['loyalty_card', 'LOYALTY_CARD'],
  ['lucky_draw', undefined],
]);

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
export function listPublications(ctx: Context, query: RequestQuery<'list-publications'>) {
  const page = query.page ?? 1;
  if (page > 1000) throw pageOverLimit();
  const customer = query.customer !== undefined ? findCustomer(ctx, query.customer) : undefined;
  const wantedType = query.voucher_type !== undefined ? (VOUCHER_TYPES.get(query.voucher_type.toLowerCase()) ?? null) : undefined;
  const allVouchers = vouchers(ctx.tenant);
  const order = query.order ?? '-created_at';
  const narrowed =
    query.customer !== undefined ||
    query.campaign !== undefined ||
    query.voucher !== undefined ||
    query.result !== undefined ||
    wantedType !== undefined ||
    query.is_referral_code === true ||
    query.source_id !== undefined ||
    query.filters !== undefined;
  // Unfiltered and ordered by a field of its own, the list walks the collection's index and stops after the page.
  if (!narrowed && !order.endsWith('voucher_code')) {
    const { items, total } = orderedPage(publications(ctx.tenant), query, order);
    return listEnvelope(
      'publications',
      items.map((publication) => publicationView(ctx, publication)),
      { total },
    );
  }

  let rows: FilterRow[] = publications(ctx.tenant)
    .all()
    .map((publication) => {
      const voucher = allVouchers.get(publication.voucher_id);
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
    if (query.voucher !== undefined && !(publication.vouchers_id ?? [publication.voucher_id]).some((id) => allVouchers.get(id)?.code === query.voucher)) {
      return false;
    }
    if (query.result !== undefined && publication.result !== query.result) return false;
    if (wantedType !== undefined && voucher?.type !== wantedType) return false;
    // Voucherify documents that only `true` filters; `false` lists every publication.
    if (query.is_referral_code === true && voucher?.is_referral_code !== true) return false;
    if (query.source_id !== undefined && publication.source_id !== query.source_id) return false;
    return true;
  });
  rows = applyFilters(rows, query.filters, ctx.clock());

  const key = (row: FilterRow, field: string) => (field === 'voucher_code' ? row.voucher?.code : fieldOf(row.publication, field));
  const { items, total } = numberedPage(rows, query, order, key);
  return listEnvelope(
    'publications',
    items.map((row) => publicationView(ctx, row.publication)),
    { total },
  );
}
