// Voucherify-shaped identifiers (camp_…, v_…, cust_…, rh_…, pub_…, vtx_…, cat_…, seg_…, v-… request ids) from a seedable generator.

export const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * sfc32: a small, fast PRNG with 128 bits of state. A 32-bit-state generator
 * would start repeating id sequences after ~65k ids (birthday bound on its
 * 2^32 starting points), which 100k-voucher tenants reach.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads one number over the four state words.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.uint32() / 0x100000000) * n);
  }

  /**
   * A random string of `length` characters of `charset`. Joined once rather than appended to
   * character by character: appends leave a chain of partial strings behind each id (about 0.6 KiB
   * for a 32-character voucher id) for as long as the id lives.
   */
  string(charset: string, length: number): string {
    const chars = new Array<string>(length);
    for (let i = 0; i < length; i++) chars[i] = charset[this.below(charset.length)];
    return chars.join('');
  }
}

/**
 * Voucherify's hex ids (rh_0f198761748966ffab, v-0f19a8ee60d0ae80a6) grow with time,
 * so ordering holders by id is ordering them by creation. A 72-bit counter keeps that:
 * it starts from the clock (or, with a seed, from a fixed point) and only goes up.
 */
class HexSequence {
  private next: bigint;
  constructor(start: bigint) {
    this.next = start;
  }
  take(): string {
    const value = this.next;
    this.next += 1n;
    return value.toString(16).padStart(18, '0').slice(-18);
  }
}

export interface IdGenerator {
  campaign(): string;
  voucher(): string;
  customer(): string;
  publication(): string;
  /** ord_ and 24 characters, as Voucherify's order ids. */
  order(): string;
  holder(): string;
  /** aa_0a875d56c805df6601 */
  asyncAction(): string;
  /** valid_101740aa2869354c6d */
  validation(): string;
  /**
   * The redemption family, from one sequence so that their ids order as they were made: r_ (a
   * redemption), rf_ (a failed one), rr_ (a rollback), rrf_ (a failed rollback). A stacked
   * redemption's parent and children take consecutive ids, as in Voucherify.
   */
  redemption(kind: 'r' | 'rf' | 'rr' | 'rrf'): string;
  /** ssn_ and 32 characters: a validation session's key when the request names none. */
  session(): string;
  /** vtx_0c9dccc4d5813e71bd: a gift or loyalty card's balance change; grows with time. */
  transaction(): string;
  /** prod_0bae2dc5a090fd0184: a product of the catalogue; grows with time. */
  product(): string;
  /** sku_0bae3b28f610fd0da1: a SKU of a product; grows with time. */
  sku(): string;
  /** pc_ and 24 characters: a product collection. */
  productCollection(): string;
  /** cat_0b5f49fb31c3bf6ab0: a category; grows with time. */
  category(): string;
  /** seg_ and 24 characters: a customer segment. */
  segment(): string;
  /** val_ and 12 characters: a validation rule. */
  validationRule(): string;
  /** asgm_ and 16 characters: a validation rule's assignment. */
  ruleAssignment(): string;
  /** camp_tpl_0f887664cfe19f2162: a campaign template; grows with time, so lists by id are by age. */
  campaignTemplate(): string;
  /** del_ and 24 characters: a customer's permanent deletion. */
  permanentDeletion(): string;
  /** tbe_0eb6515f758ae37126: a trash bin entry; grows with time, so the bin lists in id order by deletion. */
  binEntry(): string;
  requestId(): string;
  /** A random string from `charset`, for generated voucher codes. */
  code(charset: string, length: number): string;
}

export function createIdGenerator(seed?: number): IdGenerator {
  const seeded = seed !== undefined;
  const random = new Random(seeded ? seed : (Math.random() * 0x100000000) >>> 0);
  // Fixture ids in the 0e…/0f1… range stay older than anything generated here.
  const start = seeded
    ? (0x0f2n << 60n) | (BigInt(seed >>> 0) << 24n)
    : (BigInt(Date.now()) << 28n) | BigInt(random.below(0x1000000));
  const holders = new HexSequence(start);
  const requests = new HexSequence(start);
  const asyncActions = new HexSequence(start);
  const validations = new HexSequence(start);
  const redemptions = new HexSequence(start);
  const transactions = new HexSequence(start);
  const catalogue = new HexSequence(start);
  const categories = new HexSequence(start);
  const templates = new HexSequence(start);
  const binEntries = new HexSequence(start);
  return {
    campaign: () => 'camp_' + random.string(ALNUM, 24),
    voucher: () => 'v_' + random.string(ALNUM, 32),
    customer: () => 'cust_' + random.string(ALNUM, 24),
    publication: () => 'pub_' + random.string(ALNUM, 32),
    order: () => 'ord_' + random.string(ALNUM, 24),
    holder: () => 'rh_' + holders.take(),
    asyncAction: () => 'aa_' + asyncActions.take(),
    validation: () => 'valid_' + validations.take(),
    redemption: (kind) => `${kind}_${redemptions.take()}`,
    session: () => 'ssn_' + random.string(ALNUM, 32),
    transaction: () => 'vtx_' + transactions.take(),
    product: () => 'prod_' + catalogue.take(),
    sku: () => 'sku_' + catalogue.take(),
    productCollection: () => 'pc_' + random.string(ALNUM, 24),
    category: () => 'cat_' + categories.take(),
    segment: () => 'seg_' + random.string(ALNUM, 24),
    validationRule: () => 'val_' + random.string(ALNUM, 12),
    ruleAssignment: () => 'asgm_' + random.string(ALNUM, 16),
    campaignTemplate: () => 'camp_tpl_' + templates.take(),
    permanentDeletion: () => 'del_' + random.string(ALNUM, 24),
    binEntry: () => 'tbe_' + binEntries.take(),
    requestId: () => 'v-' + requests.take(),
    code: (charset, length) => random.string(charset, length),
  };
}
