// The shapes of the records a tenant holds. They are stored as Voucherify returns them, so a read
// is a lookup, not a rebuild; field names and spellings are the official API's.

export type Metadata = Record<string, unknown>;

export type CampaignType = 'DISCOUNT_COUPONS' | 'GIFT_VOUCHERS' | 'LOYALTY_PROGRAM' | 'REFERRAL_PROGRAM' | 'PROMOTION';
export type VoucherType = 'DISCOUNT_VOUCHER' | 'GIFT_VOUCHER' | 'LOYALTY_CARD';
export type HolderRole = 'OWNER' | 'REFERRER' | 'REFEREE';

// ---- discounts: one shape per type, told apart by `type` --------------------------------------

export type AmountEffect =
  | 'APPLY_TO_ORDER'
  | 'APPLY_TO_ITEMS'
  | 'APPLY_TO_ITEMS_PROPORTIONALLY'
  | 'APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY'
  | 'APPLY_TO_ITEMS_BY_QUANTITY';
export type UnitEffect = 'ADD_MISSING_ITEMS' | 'ADD_NEW_ITEMS' | 'ADD_MANY_ITEMS';

interface DiscountBase {
  /** True when the value comes from a formula. */
  is_dynamic?: boolean;
  /** The most one order may get from the discount, in cents. */
  aggregated_amount_limit?: number;
}

/** `amount_off` cents off the order or its items. */
export interface AmountDiscount extends DiscountBase {
  type: 'AMOUNT';
  amount_off: number;
  amount_off_formula?: string;
  effect?: AmountEffect;
}

/** `percent_off` percent off, at most `amount_limit` cents. */
export interface PercentDiscount extends DiscountBase {
  type: 'PERCENT';
  percent_off: number;
  percent_off_formula?: string;
  amount_limit?: number;
  effect?: 'APPLY_TO_ORDER' | 'APPLY_TO_ITEMS';
}

/** The order (or item) costs `fixed_amount` cents. */
export interface FixedDiscount extends DiscountBase {
  type: 'FIXED';
  fixed_amount: number;
  fixed_amount_formula?: string;
  effect?: 'APPLY_TO_ORDER' | 'APPLY_TO_ITEMS';
}

export interface DiscountUnitItem {
  unit_off?: number;
  unit_off_formula?: string;
  unit_type?: string;
  effect?: 'ADD_MISSING_ITEMS' | 'ADD_NEW_ITEMS';
  product?: Record<string, unknown>;
  sku?: Record<string, unknown>;
}

/** `unit_off` free units of `unit_type`, or (ADD_MANY_ITEMS) several kinds in `units`. */
export interface UnitDiscount extends DiscountBase, Omit<DiscountUnitItem, 'effect'> {
  type: 'UNIT';
  effect?: UnitEffect;
  units?: DiscountUnitItem[];
}

export type Discount = AmountDiscount | PercentDiscount | FixedDiscount | UnitDiscount;
export type DiscountType = Discount['type'];

// ---- the parts of a voucher that depend on its type -------------------------------------------

/** A gift card's credits, in cents: balance = amount - subtracted_amount - redemption.redeemed_amount. */
export interface GiftCard {
  amount: number;
  balance: number;
  subtracted_amount?: number;
  effect: 'APPLY_TO_ORDER' | 'APPLY_TO_ITEMS' | null;
}

/** A loyalty card's points: balance = points - expired_points - subtracted_points - redemption.redeemed_points. */
export interface LoyaltyCard {
  points: number;
  balance: number;
  subtracted_points?: number;
  expired_points?: number;
  next_expiration_date?: string;
  next_expiration_points?: number;
  /** Points earned that wait to activate (domain/earning.ts). */
  pending_points?: number;
}

export interface VoucherRedemption {
  /** How many times the voucher may be redeemed; null: no limit. */
  quantity: number | null;
  redeemed_quantity: number;
  /** Gift cards: credits spent. */
  redeemed_amount?: number;
  /** Loyalty cards: points spent. */
  redeemed_points?: number;
  object: 'list';
  url: string;
}

/** As the API takes them, both parts may be missing; a timeframe without both limits nothing. */
export interface ValidityTimeframe {
  /** ISO 8601 duration of each window, e.g. PT1H. */
  duration?: string;
  /** ISO 8601 duration between window starts, e.g. P1D. */
  interval?: string;
}

/** Voucherify's validity_hours: windows on given days, e.g. 12:00–14:00 on Mondays. */
export interface ValidityHours {
  daily?: { start_time?: string; expiration_time?: string; days_of_week?: number[] }[];
}

export interface ListSummary {
  object: 'list';
  data_ref: 'data';
  data: unknown[];
  total: number;
}

/** What a voucher and a campaign's voucher template share: when the voucher can be used. */
export interface Validity {
  start_date?: string | null;
  expiration_date?: string | null;
  validity_timeframe?: ValidityTimeframe | null;
  validity_day_of_week?: number[] | null;
  validity_hours?: ValidityHours | null;
}

export interface CodeConfig {
  length?: number;
  charset?: string;
  prefix?: string;
  postfix?: string;
  /** e.g. "10OFF-#######": every # becomes one character of the charset. */
  pattern?: string;
  initial_count?: number;
}

/** A campaign's template for its vouchers; stored with its code_config completed. */
export interface VoucherTemplate extends Validity {
  type?: VoucherType;
  discount?: Discount;
  gift?: { amount?: number; effect?: GiftCard['effect'] };
  loyalty_card?: { points?: number; [field: string]: unknown };
  redemption?: { quantity?: number | null };
  code_config?: CodeConfig;
  is_referral_code?: boolean;
  [field: string]: unknown;
}

/** What a promotion tier has counted: its redemptions and the orders they discounted. */
export interface PromotionTierSummary {
  redemptions: { total_redeemed: number };
  orders: { total_amount: number; total_discount_amount: number };
}

/** A promotion tier (promo_…): a discount a PROMOTION campaign gives without a code. */
export interface PromotionTier extends Validity {
  id: string;
  created_at: string;
  updated_at?: string;
  name?: string;
  banner?: string;
  action?: { discount?: Discount };
  metadata: Metadata;
  hierarchy: number;
  promotion_id: string;
  campaign_id: string;
  active: boolean;
  category_id?: string | null;
  summary?: PromotionTierSummary;
  object: 'promotion_tier';
  [field: string]: unknown;
}

/** A promotion stack (stack_…): tiers of one campaign redeemed together, in `hierarchy_mode` order. */
export interface PromotionStack {
  id: string;
  name: string;
  created_at: string;
  updated_at?: string;
  campaign_id: string;
  category_id?: string | null;
  object: 'promotion_stack';
  tiers: { ids: string[]; hierarchy_mode: 'MANUAL' };
}

export interface Campaign extends Validity {
  id: string;
  name: string;
  description?: string;
  campaign_type: CampaignType;
  type: 'AUTO_UPDATE' | 'STATIC';
  voucher?: VoucherTemplate;
  auto_join?: boolean;
  join_once?: boolean;
  use_voucher_metadata_schema?: boolean;
  activity_duration_after_publishing?: string;
  vouchers_count?: number;
  active: boolean;
  metadata: Metadata;
  created_at: string;
  updated_at?: string | null;
  category?: string | null;
  category_id?: string | null;
  creation_status?: string;
  vouchers_generation_status?: string;
  protected?: boolean;
  validation_rules_assignments?: ListSummary;
  categories?: Category[];
  referral_program?: Record<string, unknown>;
  loyalty_tiers_expiration?: Record<string, unknown>;
  promotion?: { object: 'list'; data_ref: 'tiers'; tiers: PromotionTier[]; total: number; has_more: boolean };
  object: 'campaign';
}

export interface Voucher extends Validity {
  id: string;
  code: string;
  campaign: string | null;
  campaign_id: string | null;
  category?: string | null;
  category_id?: string | null;
  categories?: Category[];
  type: VoucherType;
  /** DISCOUNT_VOUCHER only; null for the other types. */
  discount: Discount | null;
  /** GIFT_VOUCHER only. */
  gift: GiftCard | null;
  /** LOYALTY_CARD only. */
  loyalty_card: LoyaltyCard | null;
  active: boolean;
  additional_info?: string | null;
  metadata: Metadata;
  assets?: { qr: { id: string; url: string }; barcode: { id: string; url: string } };
  is_referral_code: boolean;
  /** Present once published: the customer it was published to. */
  holder_id?: string;
  /** Referral codes only: the REFERRER customer. */
  referrer_id?: string;
  validation_rules_assignments?: ListSummary;
  redemption: VoucherRedemption;
  publish: { object: 'list'; count: number; url: string; [field: string]: unknown };
  created_at: string;
  updated_at: string | null;
  object: 'voucher';
}

/** A card's balance as a transaction shows it: the change (`amount` in cents or `points`) and what the card holds after it. */
export interface TransactionBalance {
  type: 'gift_voucher' | 'loyalty_card';
  /** Gift cards: credits added less credits removed; loyalty cards: points added over the card's life. */
  total: number;
  /** Gift cards: the signed change in cents. */
  amount?: number;
  /** Loyalty cards: the signed change in points. */
  points?: number;
  object: 'balance';
  balance: number;
  related_object: { id: string; type: 'voucher' };
}

/** The other card of a points transfer, as a transaction names it. */
export interface TransferredCard {
  id: string;
  code: string;
  type: 'LOYALTY_CARD';
  campaign: string | null;
  campaign_id: string | null;
  loyalty_card: LoyaltyCard | null;
  is_referral_code: boolean | null;
  created_at: string;
  object: 'voucher';
}

/**
 * One change of a gift card's credits or a loyalty card's points (vtx_…), kept per voucher in id
 * (= creation) order. Manual changes carry `source: 'API'`; redemptions and refunds carry none
 * and name their order, redemption and rollback instead.
 */
export interface VoucherTransaction {
  id: string;
  source_id: string | null;
  voucher_id: string;
  campaign_id: string | null;
  source: string | null;
  reason: string | null;
  type:
    | 'CREDITS_REDEMPTION'
    | 'CREDITS_REFUND'
    | 'CREDITS_ADDITION'
    | 'CREDITS_REMOVAL'
    | 'POINTS_REDEMPTION'
    | 'POINTS_REFUND'
    | 'POINTS_ADDITION'
    | 'POINTS_REMOVAL'
    | 'POINTS_ACCRUAL'
    | 'PENDING_POINTS_ACTIVATION'
    | 'POINTS_EXPIRATION'
    | 'POINTS_TRANSFER_IN'
    | 'POINTS_TRANSFER_OUT';
  details: {
    balance: TransactionBalance;
    order?: { id: string; source_id: string | null };
    redemption?: { id: string };
    rollback?: { id: string };
    /** Earning (domain/earning.ts): what happened, and the earning rule that gave the points. */
    event?: { id: string; type: string };
    earning_rule?: { id: string; source: { banner?: string } };
    /** Earning: the loyalty tier whose mapping of the earning rule counted the points. */
    loyalty_tier?: { id: string; name: string };
    /** A loyalty card: the tier its holder was in when the transaction was made (before the change moved them). */
    holder_loyalty_tier?: { id: string; name: string };
    /** POINTS_TRANSFER_OUT: the card the points went to, as it was after the transfer. */
    destination_voucher?: TransferredCard;
    /** POINTS_TRANSFER_IN: the card the points came from, as it was after the transfer. */
    source_voucher?: TransferredCard;
    reward?: { id: string; name: string };
  };
  related_transaction_id: string | null;
  created_at: string;
}

export interface Address {
  city?: string | null;
  state?: string | null;
  line_1?: string | null;
  line_2?: string | null;
  country?: string | null;
  postal_code?: string | null;
}

/** What a customer shows of the loyalty cards they hold (derived when the customer is read). */
export interface CustomerLoyalty {
  points: number;
  referred_customers: number;
  campaigns: Record<string, { points: number; referred_customers: number }>;
}

export interface Customer {
  id: string;
  source_id: string | null;
  name?: string | null;
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  birthday?: string | null;
  birthdate?: string | null;
  address?: Address | null;
  summary?: Record<string, unknown>;
  loyalty?: CustomerLoyalty;
  referrals?: { total: number; campaigns: unknown[] };
  metadata: Metadata;
  system_metadata?: Metadata;
  created_at: string;
  updated_at?: string;
  object: 'customer';
}

export interface RedeemableHolder {
  id: string;
  created_at: string;
  redeemable_id: string;
  redeemable_object: 'voucher';
  /** Null for a voucher of no campaign. */
  campaign_id: string | null;
  campaign_type: CampaignType | null;
  voucher_type: VoucherType;
  customer_id: string;
  holder_role: HolderRole;
  metadata?: Metadata;
  object: 'redeemable_holder';
}

/** The customer as a publication shows it: a snapshot taken when the voucher was published. */
export interface PublicationCustomer {
  id: string;
  name?: string | null;
  email?: string | null;
  source_id?: string | null;
  metadata?: Metadata;
  object: 'customer';
}

/** The short voucher a publication list shows: code, campaign and the type's own part. */
export interface PublicationVoucher {
  code: string;
  object: 'voucher';
  campaign: string | null;
  discount?: Discount | null;
  gift?: GiftCard | null;
  loyalty_card?: LoyaltyCard | null;
  is_referral_code: boolean;
}

/**
 * One publication: vouchers given to one customer in one request. Stored as the publication
 * list shows it, plus `voucher_id` (the first voucher's id, which the tenant indexes). A single
 * voucher is shown in `voucher`; a campaign publication of several (campaign.count > 1) lists
 * their codes in `vouchers`. Older records (fixtures) may lack `voucher`/`vouchers_id`.
 */
export interface Publication {
  id: string;
  object: 'publication';
  created_at: string;
  customer_id: string;
  /** The customer's source_id at publication time. */
  tracking_id?: string | null;
  metadata: Metadata;
  channel: string;
  /** The caller's own id of the publication; unique among a tenant's publications. */
  source_id: string | null;
  result: 'SUCCESS' | 'FAILURE';
  failure_code?: string;
  customer?: PublicationCustomer;
  voucher?: PublicationVoucher;
  vouchers?: string[];
  vouchers_id?: string[];
  voucher_id: string;
}

/** Work Voucherify does in the background (e.g. generating many vouchers); the mock does it at once and records the result. */
export interface AsyncAction {
  id: string;
  type: string;
  status: 'ENQUEUED' | 'IN_PROGRESS' | 'DONE' | 'FAILED';
  operation_status?: string;
  result: Record<string, unknown> | null;
  created_at: string;
  updated_at?: string;
  request_id?: string;
  processing_time?: number;
  progress?: number;
  object: 'async_action';
}

export type OrderStatus = 'CREATED' | 'PAID' | 'CANCELED' | 'FULFILLED';

/** An order item as stored and shown: the request's item with its amounts (see domain/orders.ts). */
export interface OrderItemRecord {
  object: 'order_item';
  product_id?: string;
  sku_id?: string;
  source_id?: string;
  related_object?: 'product' | 'sku';
  quantity: number;
  /** Left out, with subtotal_amount, for a free unit added without a known price. */
  amount?: number;
  discount_amount?: number;
  applied_discount_amount?: number;
  price?: number;
  subtotal_amount?: number;
  discount_quantity?: number;
  applied_discount_quantity?: number;
  initial_quantity?: number;
  initial_amount?: number;
  product?: Record<string, unknown>;
  sku?: Record<string, unknown>;
  metadata?: Metadata;
}

/** An order's entry for one redemption (its `redemptions` map), as Voucherify links them. */
export interface OrderRedemptionEntry {
  date: string;
  rollback_id?: string;
  rollback_date?: string;
  related_object_type: 'voucher' | 'promotion_tier' | 'redemption';
  related_object_id: string;
  related_object_parent_id?: string;
  stacked?: string[];
  rollback_stacked?: string[];
}

/** An order with its totals; discount totals that are zero are left out, as Voucherify shows orders. */
export interface Order {
  id: string;
  source_id: string | null;
  created_at: string;
  updated_at: string | null;
  status: OrderStatus;
  amount: number;
  discount_amount?: number;
  items_discount_amount?: number;
  total_discount_amount?: number;
  total_amount: number;
  /** Left out when the order has none. */
  items?: OrderItemRecord[];
  metadata: Metadata;
  customer?: { id: string; object: 'customer' };
  referrer?: { id: string; object: 'customer' };
  customer_id: string | null;
  referrer_id: string | null;
  /** The order's redemptions, by redemption id. */
  redemptions?: Record<string, OrderRedemptionEntry>;
  object: 'order';
}

/** A customer as a redemption shows them: a snapshot taken when it was made. */
export interface SimpleCustomer {
  id: string;
  name?: string | null;
  email?: string | null;
  source_id: string | null;
  metadata?: Metadata;
  object: 'customer';
}

/** Where a redemption came from: the API, and the X-App-Id (tenant) that called it. */
export interface RedemptionChannel {
  channel_id: string;
  channel_type: 'API' | 'USER' | 'AUTO_REDEEM';
}

/**
 * A redemption (r_…, rf_… when it failed) or a rollback (rr_…, rrf_…), stored as Voucherify
 * answers it, with the order and the voucher as they were right after it. A stacked redemption's
 * parent has `related_object_type: 'redemption'` (pointing at itself) and its children name it in
 * `redemption`.
 */
export interface RedemptionRecord {
  id: string;
  object: 'redemption' | 'redemption_rollback';
  date: string;
  customer_id: string | null;
  tracking_id: string | null;
  metadata: Metadata | null;
  /** Gift credits (or loyalty points) taken; a rollback's is negative. */
  amount?: number;
  /** A child's parent; a rollback's redemption. Null for a redemption of its own. */
  redemption: string | null;
  /** Rollbacks: why, as the request said. */
  reason?: string;
  result: 'SUCCESS' | 'FAILURE';
  status: 'SUCCEEDED' | 'FAILED' | 'ROLLED_BACK';
  session?: { key: string };
  related_redemptions?: { rollbacks?: { id: string; date: string }[]; redemptions?: { id: string; date: string }[] };
  failure_code?: string;
  failure_message?: string;
  order: Record<string, unknown> | null;
  channel: RedemptionChannel;
  customer: SimpleCustomer | null;
  related_object_type: 'voucher' | 'promotion_tier' | 'redemption';
  related_object_id: string;
  voucher?: Record<string, unknown> | null;
  /** A redemption of a promotion tier: the tier as it was after it. */
  promotion_tier?: Record<string, unknown>;
  gift?: { amount: number };
  loyalty_card?: { points: number };
  /** A loyalty card's redemption of a reward: the reward and what it gave. */
  reward?: Record<string, unknown>;
}

/**
 * Units of an applicable_to entry's products that one redemption discounted, counted against the
 * entry's product_*_quantity_limit budgets (domain/applicable-to.ts). `scope_id` is the campaign
 * (a standalone voucher: the voucher) or the promotion tier the budget belongs to, `key` the rule's
 * entry (and, for the product_in_collection limits, the product). Only a SUCCEEDED redemption's
 * uses count: a rollback gives them back.
 */
export interface ProductBudgetUse {
  id: string;
  redemption_id: string;
  scope_id: string;
  key: string;
  customer_id: string | null;
  units: number;
  created_at: string;
}

/**
 * What a validation session (LOCK) holds of one voucher until it expires: one redemption of its
 * quantity, a gift card's credits, and the points a loyalty card pays for a reward. Other requests
 * see the voucher without what is held.
 */
export interface SessionHold {
  id: string;
  key: string;
  voucher_id: string;
  credits: number;
  /** Loyalty cards: the points the validated reward costs. */
  points?: number;
  expires_at: string;
  created_at: string;
}

// ---- the product catalogue --------------------------------------------------------------------

/** A product of the catalogue (prod_…); its SKUs are records of their own, found by product_id. */
export interface Product {
  id: string;
  source_id: string | null;
  name: string | null;
  /** Unit price in cents; null when the catalogue has none. */
  price: number | null;
  /** The names of the attributes its SKUs give values to. */
  attributes: string[];
  metadata: Metadata;
  image_url: string | null;
  created_at: string;
  updated_at: string | null;
  object: 'product';
}

/** A variant of a product (sku_…); without a price of its own it costs its product's. */
export interface Sku {
  id: string;
  source_id: string | null;
  product_id: string;
  sku: string | null;
  price: number | null;
  currency: string | null;
  attributes: Record<string, unknown>;
  image_url: string | null;
  metadata: Metadata;
  created_at: string;
  updated_at: string | null;
  object: 'sku';
}

/** One condition list of a collection's filter: `{ conditions: { $is: ['brown'] } }`. */
export interface FieldFilter {
  conditions: Record<string, unknown[]>;
}

/** An AUTO_UPDATE collection's filter: a junction and, by field (`price`, `metadata.color`…), its conditions. */
export type CollectionFilter = { junction: 'and' | 'or' } & { [field: string]: FieldFilter | 'and' | 'or' };

/** A product collection (pc_…): the products and SKUs named (STATIC), or those its filter matches (AUTO_UPDATE). */
export interface ProductCollection {
  id: string;
  name: string;
  type: 'STATIC' | 'AUTO_UPDATE';
  filter?: CollectionFilter;
  products?: { id: string; product_id?: string; object: 'product' | 'sku' }[];
  created_at: string;
  updated_at?: string;
  object: 'products_collection';
}

/** A category (cat_…) campaigns and vouchers belong to; lower hierarchy comes first. */
export interface Category {
  id: string;
  name: string;
  hierarchy: number;
  created_at: string;
  updated_at?: string;
  object: 'category';
}

export type SegmentType = 'static' | 'auto-update' | 'passive';

/**
 * A customer segment (seg_…), stored as the API shows it plus `customer_ids`: the customers a
 * static segment lists (never shown). An auto-update or passive segment keeps its `filter` and
 * finds its customers when asked.
 */
export interface Segment {
  id: string;
  name: string;
  created_at: string;
  updated_at?: string | null;
  type: SegmentType;
  filter: Record<string, unknown> | null;
  initial_sync_status: 'DONE';
  object: 'segment';
  customer_ids?: string[];
}

/** One numbered condition of a validation rule: a rule name, its property (metadata rules), conditions and nested rules. */
export interface RuleCondition {
  name: string;
  property: string | null;
  conditions: Record<string, unknown[]>;
  rules: RuleSet;
  error?: { message?: string };
}

/** A validation rule's `rules`: numbered conditions ("1", "2", …) and the `logic` joining them. */
export type RuleSet = { logic?: string } & { [number: string]: RuleCondition | string | undefined };

/** A validation rule (val_…), stored as the API shows it (without assignments_count, counted when shown). */
export interface ValidationRule {
  id: string;
  name: string;
  rules: RuleSet;
  error?: { message?: string };
  applicable_to: { excluded: Record<string, unknown>[]; included: Record<string, unknown>[]; included_all: boolean };
  created_at: string;
  updated_at?: string;
  type: string;
  context_type: string;
  object: 'validation_rules';
}

export type RuleTargetType = 'voucher' | 'campaign' | 'promotion_tier' | 'earning_rule' | 'distribution' | 'reward_assignment';

/** A validation rule assigned to a voucher, campaign or another redeemable (asgm_…). */
export interface ValidationRuleAssignment {
  id: string;
  rule_id: string;
  related_object_id: string;
  related_object_type: RuleTargetType;
  created_at: string;
  object: 'validation_rules_assignment';
}
