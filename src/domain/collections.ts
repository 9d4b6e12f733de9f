// The collections several resources share, with their indexes and fixture checks. A resource whose
// records no other resource reads defines its collection in its own folder (collection.ts).

import { defineCollection } from '../store/collection.js';
import type { Tenant } from '../store/tenant.js';
import { emailKey, mobileKey } from './contact-keys.js';
import { compileFilter } from './filters.js';
import type {
  AsyncAction,
  Campaign,
  Category,
  Customer,
  Order,
  Product,
  ProductBudgetUse,
  ProductCollection,
  PromotionStack,
  PromotionTier,
  Publication,
  RedeemableHolder,
  RedemptionRecord,
  Segment,
  SessionHold,
  Sku,
  ValidationRule,
  ValidationRuleAssignment,
  Voucher,
  VoucherTransaction,
} from './records.js';

export const campaignRecords = defineCollection<Campaign>()({
  name: 'campaigns',
  recordName: 'campaign',
  unique: { name: (c) => c.name },
  groups: {
    // Capillary names a referral campaign by its token (J0H7Q), kept in the campaign's metadata.
    campaign_token: (c) => (typeof c.metadata?.campaign_token === 'string' ? c.metadata.campaign_token : null),
    // A category's campaigns: renaming or deleting the category reaches them without a scan.
    category_id: (c) => c.category_id,
  },
  uniqueLabels: { name: 'name' },
  references: { category_id: 'categories' },
  check: (c) => (typeof c.name !== 'string' || !c.name ? 'has no name' : typeof c.campaign_type !== 'string' ? 'has no campaign_type' : undefined),
});

export const voucherRecords = defineCollection<Voucher>()({
  name: 'vouchers',
  recordName: 'voucher',
  unique: { code: (v) => v.code },
  groups: {
    campaign_id: (v) => v.campaign_id,
    // A campaign's vouchers that nobody holds yet, oldest first: publishing takes the next one in O(1).
    campaign_unpublished: (v) => (v.holder_id ? null : v.campaign_id),
    category_id: (v) => v.category_id,
  },
  uniqueLabels: { code: 'code' },
  references: { campaign_id: 'campaigns', category_id: 'categories' },
  check: (v) => (typeof v.code !== 'string' || !v.code ? 'has no code' : undefined),
});

export const customerRecords = defineCollection<Customer>()({
  name: 'customers',
  recordName: 'customer',
  unique: { source_id: (c) => c.source_id },
  groups: {
    // Capillary finds customers by mobile or email; neither is unique in Voucherify.
    phone: (c) => mobileKey(c.phone),
    email: (c) => emailKey(c.email),
  },
  uniqueLabels: { source_id: 'source_id' },
});

const HOLDER_ROLES = ['OWNER', 'REFERRER', 'REFEREE'];
/** Holder ids grow with time: a group ordered by id is ordered by creation, and pages by `starting_after_id` walk it. */
const byId = (h: RedeemableHolder) => h.id;

export const holderRecords = defineCollection<RedeemableHolder>()({
  name: 'redeemable_holders',
  recordName: 'redeemable holder',
  // One customer holds a redeemable at most once, whatever the role.
  unique: { redeemable_customer: (h) => `${h.redeemable_id}|${h.customer_id}` },
  groups: {
    redeemable_id: { key: (h) => h.redeemable_id, order: byId },
    customer_id: { key: (h) => h.customer_id, order: byId },
    // Finds a code's REFERRER without walking all of its (possibly thousands of) referees.
    redeemable_role: (h) => `${h.redeemable_id}|${h.holder_role}`,
  },
  uniqueLabels: { redeemable_customer: 'voucher and customer' },
  references: { redeemable_id: 'vouchers', customer_id: 'customers' },
  check: (h) => (HOLDER_ROLES.includes(h.holder_role) ? undefined : `has an unknown holder_role "${h.holder_role}"`),
});

export const publicationRecords = defineCollection<Publication>()({
  name: 'publications',
  recordName: 'publication',
  groups: {
    voucher_id: (p) => p.voucher_id,
    customer_id: (p) => p.customer_id,
    source_id: (p) => p.source_id,
  },
  references: { voucher_id: 'vouchers', customer_id: 'customers' },
});

export const asyncActionRecords = defineCollection<AsyncAction>()({ name: 'async_actions', recordName: 'async action' });

export const orderRecords = defineCollection<Order>()({
  name: 'orders',
  recordName: 'order',
  unique: { source_id: (o) => o.source_id },
  groups: { customer_id: (o) => o.customer_id },
  uniqueLabels: { source_id: 'source_id' },
  references: { customer_id: 'customers', referrer_id: 'customers' },
});

export const transactionRecords = defineCollection<VoucherTransaction>()({
  name: 'transactions',
  recordName: 'transaction',
  // Transaction ids grow with time, like holder ids: a voucher's group in id order is its history.
  groups: {
    voucher_id: { key: (t) => t.voucher_id, order: (t) => t.id },
    // A loyalty program's transactions (GET /v1/loyalties/{campaignId}/transactions), in the same order.
    campaign_id: { key: (t) => t.campaign_id, order: (t) => t.id },
  },
  references: { voucher_id: 'vouchers' },
});

/** Redemption-family ids grow with time: a group ordered by id lists a voucher's redemptions oldest first. */
const byRedemptionId = (r: RedemptionRecord) => r.id;

/** Redemptions and their rollbacks in one collection: GET /v1/redemptions lists both, newest first. */
export const redemptionRecords = defineCollection<RedemptionRecord>()({
  name: 'redemptions',
  recordName: 'redemption',
  groups: {
    // A voucher's redemptions and rollbacks (GET /v1/vouchers/{code}/redemption).
    related_object_id: { key: (r) => (r.related_object_type === 'redemption' ? null : r.related_object_id), order: byRedemptionId },
    // A stacked parent's children, and a redemption's rollbacks.
    redemption: { key: (r) => r.redemption, order: byRedemptionId },
    customer_id: { key: (r) => r.customer_id, order: byRedemptionId },
    // A campaign's redemptions of its vouchers or tiers (campaign.redemptions.* validation rules).
    campaign_id: { key: redemptionCampaign, order: byRedemptionId },
  },
});

/** The campaign of a voucher or tier redemption (not of a stack's parent, nor of a rollback), or null. */
function redemptionCampaign(r: RedemptionRecord): string | null {
  if (r.object !== 'redemption' || r.related_object_type === 'redemption') return null;
  const campaignId = r.voucher?.campaign_id ?? (r.promotion_tier?.campaign as { id?: unknown } | undefined)?.id;
  return typeof campaignId === 'string' ? campaignId : null;
}

/** What validation sessions hold, by voucher: a voucher's holds are found without a scan. */
/** What redemptions took of applicable_to product budgets, by budget (all customers, or one). */
export const productBudgetUseRecords = defineCollection<ProductBudgetUse>()({
  name: 'product_budget_uses',
  recordName: 'product budget use',
  groups: {
    scope_key: (u) => `${u.scope_id}|${u.key}`,
    scope_key_customer: (u) => (u.customer_id ? `${u.scope_id}|${u.key}|${u.customer_id}` : null),
  },
});

export const sessionRecords = defineCollection<SessionHold>()({
  name: 'sessions',
  recordName: 'session',
  unique: { key_voucher: (s) => `${s.key}|${s.voucher_id}` },
  groups: { voucher_id: (s) => s.voucher_id, key: (s) => s.key },
});

/** The catalogue's products; source_ids are unique among them. */
export const productRecords = defineCollection<Product>()({
  name: 'products',
  recordName: 'product',
  unique: { source_id: (p) => p.source_id },
  uniqueLabels: { source_id: 'source_id' },
});

/** SKU ids grow with time: a product's SKUs in id order are its SKUs oldest first. */
const bySkuId = (s: Sku) => s.id;

/** The products' SKUs; a SKU's source_id is unique in the whole catalogue. */
export const skuRecords = defineCollection<Sku>()({
  name: 'skus',
  recordName: 'sku',
  unique: { source_id: (s) => s.source_id },
  groups: { product_id: { key: (s) => s.product_id, order: bySkuId } },
  uniqueLabels: { source_id: 'source_id' },
  references: { product_id: 'products' },
  check: (s) => (typeof s.product_id !== 'string' ? 'has no product_id' : undefined),
});

export const productCollectionRecords = defineCollection<ProductCollection>()({
  name: 'product_collections',
  recordName: 'product collection',
  check: (c) => (c.type !== 'STATIC' && c.type !== 'AUTO_UPDATE' ? `has an unknown type "${String(c.type)}"` : undefined),
});

/** Categories are unique by name: campaigns and vouchers name them by it. */
export const categoryRecords = defineCollection<Category>()({
  name: 'categories',
  recordName: 'category',
  unique: { name: (c) => c.name },
  uniqueLabels: { name: 'name' },
  check: (c) => (typeof c.name !== 'string' || !c.name ? 'has no name' : typeof c.hierarchy !== 'number' ? 'has no hierarchy' : undefined),
});

const SEGMENT_TYPES = ['static', 'auto-update', 'passive'];

export const segmentRecords = defineCollection<Segment>()({
  name: 'segments',
  recordName: 'segment',
  check: (s) => {
    if (!SEGMENT_TYPES.includes(s.type)) return `has an unknown type "${s.type}"`;
    if (s.type === 'static') return Array.isArray(s.customer_ids ?? []) ? undefined : 'has customer_ids that are not a list';
    try {
      compileFilter(s.filter);
      return undefined;
    } catch (error) {
      return `has a filter the mock cannot read: ${(error as { details?: string }).details ?? String(error)}`;
    }
  },
});

export const validationRuleRecords = defineCollection<ValidationRule>()({ name: 'validation_rules', recordName: 'validation rule' });

/** Assignment ids are random: a group ordered by created_at lists oldest first. */
const byCreation = (a: ValidationRuleAssignment) => `${a.created_at}|${a.id}`;

/** Which rules apply to a voucher or campaign: found by the related object without a scan. */
export const ruleAssignmentRecords = defineCollection<ValidationRuleAssignment>()({
  name: 'validation_rules_assignments',
  recordName: 'validation rule assignment',
  unique: { rule_target: (a) => `${a.rule_id}|${a.related_object_type}|${a.related_object_id}` },
  groups: {
    rule_id: { key: (a) => a.rule_id, order: byCreation },
    related_object_id: { key: (a) => a.related_object_id, order: byCreation },
  },
  uniqueLabels: { rule_target: 'rule and related object' },
  references: { rule_id: 'validation_rules' },
});

/** Promotion tiers, grouped by their campaign (a campaign lists and deletes its tiers without a scan). */
export const promotionTierRecords = defineCollection<PromotionTier>()({
  name: 'promotion_tiers',
  recordName: 'promotion tier',
  groups: { campaign_id: (t) => t.campaign_id },
  references: { campaign_id: 'campaigns' },
  check: (t) => (typeof t.campaign_id !== 'string' ? 'has no campaign_id' : typeof t.hierarchy !== 'number' ? 'has no hierarchy' : undefined),
});

/** Promotion stacks, grouped by their campaign. */
export const promotionStackRecords = defineCollection<PromotionStack>()({
  name: 'promotion_stacks',
  recordName: 'promotion stack',
  groups: { campaign_id: (s) => s.campaign_id },
  references: { campaign_id: 'campaigns' },
  check: (s) => (!Array.isArray(s.tiers?.ids) ? 'has no tiers.ids' : undefined),
});

/** The shared collections, for src/resources/index.ts to register. */
export const domainCollections = [
  categoryRecords,
  campaignRecords,
  promotionTierRecords,
  promotionStackRecords,
  voucherRecords,
  customerRecords,
  holderRecords,
  publicationRecords,
  asyncActionRecords,
  orderRecords,
  redemptionRecords,
  productBudgetUseRecords,
  sessionRecords,
  transactionRecords,
  productRecords,
  skuRecords,
  productCollectionRecords,
  segmentRecords,
  validationRuleRecords,
  ruleAssignmentRecords,
];

// One accessor per shared collection: `vouchers(ctx.tenant).findBy('code', code)`.
export const campaigns = (tenant: Tenant) => tenant.collection(campaignRecords);
export const vouchers = (tenant: Tenant) => tenant.collection(voucherRecords);
export const promotionTiers = (tenant: Tenant) => tenant.collection(promotionTierRecords);
export const productBudgetUses = (tenant: Tenant) => tenant.collection(productBudgetUseRecords);
export const promotionStacks = (tenant: Tenant) => tenant.collection(promotionStackRecords);
export const customers = (tenant: Tenant) => tenant.collection(customerRecords);
export const holders = (tenant: Tenant) => tenant.collection(holderRecords);
export const publications = (tenant: Tenant) => tenant.collection(publicationRecords);
export const asyncActions = (tenant: Tenant) => tenant.collection(asyncActionRecords);
export const orders = (tenant: Tenant) => tenant.collection(orderRecords);
export const redemptions = (tenant: Tenant) => tenant.collection(redemptionRecords);
export const sessions = (tenant: Tenant) => tenant.collection(sessionRecords);
export const transactions = (tenant: Tenant) => tenant.collection(transactionRecords);
export const products = (tenant: Tenant) => tenant.collection(productRecords);
export const skus = (tenant: Tenant) => tenant.collection(skuRecords);
export const productCollections = (tenant: Tenant) => tenant.collection(productCollectionRecords);
export const categories = (tenant: Tenant) => tenant.collection(categoryRecords);
export const segments = (tenant: Tenant) => tenant.collection(segmentRecords);
export const validationRules = (tenant: Tenant) => tenant.collection(validationRuleRecords);
export const ruleAssignments = (tenant: Tenant) => tenant.collection(ruleAssignmentRecords);
