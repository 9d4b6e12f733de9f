// The store's parts: indexed collections and their rollback, ids, fixtures, filters.

import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customers } from '../src/domain/collections.js';
import type { Campaign, RedeemableHolder, Voucher } from '../src/domain/records.js';
import { FixtureError, loadFixtures } from '../src/index.js';
import { meetsConditions } from '../src/lists/filters.js';
import { defaultFixturesPath } from '../src/package-root.js';
import { collections } from '../src/resources/index.js';
import { Collection, defineCollection, type Journal } from '../src/store/collection.js';
import { createIdGenerator } from '../src/store/ids.js';
import { Store } from '../src/store/store.js';

interface Item {
  id: string;
  code: string;
  group: string;
}

describe('Collection', () => {
  let journal: Journal | undefined;
  const undos: (() => void)[] = [];
  const items = defineCollection<Item>()({ name: 'items', recordName: 'item', unique: { code: (i) => i.code }, groups: { group: (i) => i.group } });
  const make = () => new Collection(items, [{ id: 'a', code: 'A', group: 'g1' }], () => journal);

  it('finds by id, unique key and group', () => {
    const items = make();
    items.put({ id: 'b', code: 'B', group: 'g1' });
    expect(items.get('b')?.code).toBe('B');
    expect(items.findBy('code', 'A')?.id).toBe('a');
    expect(items.groupOf('group', 'g1').map((i) => i.id)).toEqual(['a', 'b']);
    expect(items.get('toString')).toBeUndefined();
  });

  it('moves a record between index keys when it changes', () => {
    const items = make();
    items.put({ id: 'a', code: 'A2', group: 'g2' });
    expect(items.findBy('code', 'A')).toBeUndefined();
    expect(items.findBy('code', 'A2')?.id).toBe('a');
    expect(items.groupOf('group', 'g1')).toEqual([]);
  });

  it('undoes puts and removes, indexes included, in reverse order', () => {
    const items = make();
    journal = { record: (undo) => undos.push(undo) };
    items.put({ id: 'b', code: 'B', group: 'g1' });
    items.put({ id: 'a', code: 'A9', group: 'g9' });
    items.remove('b');
    journal = undefined;
    for (const undo of undos.reverse()) undo();
    expect(items.all()).toEqual([{ id: 'a', code: 'A', group: 'g1' }]);
    expect(items.findBy('code', 'A')?.id).toBe('a');
    expect(items.findBy('code', 'B')).toBeUndefined();
    expect(items.groupOf('group', 'g9')).toEqual([]);
  });
});

describe('Tenant transactions', () => {
  it('keeps the writes of a transaction that succeeds and drops those of one that throws', () => {
    const tenant = Store.inMemory(loadFixtures(defaultFixturesPath), collections).tenant('t');
    const before = customers(tenant).all().length;
    const customer = { id: 'cust_x', source_id: 'x', metadata: {}, created_at: '2026-01-01T00:00:00.000Z', object: 'customer' as const };
    tenant.transaction(() => customers(tenant).put(customer));
    expect(customers(tenant).findBy('source_id', 'x')).toBe(customer);
    expect(() =>
      tenant.transaction(() => {
        customers(tenant).remove('cust_x');
        customers(tenant).put({ ...customer, id: 'cust_y', source_id: 'y' });
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(customers(tenant).findBy('source_id', 'x')).toBe(customer);
    expect(customers(tenant).findBy('source_id', 'y')).toBeUndefined();
    expect(customers(tenant).all()).toHaveLength(before + 1);
  });
});

describe('ids', () => {
  it('have Voucherify shapes', () => {
    const ids = createIdGenerator();
    expect(ids.campaign()).toMatch(/^camp_[A-Za-z0-9]{24}$/);
    expect(ids.voucher()).toMatch(/^v_[A-Za-z0-9]{32}$/);
    expect(ids.customer()).toMatch(/^cust_[A-Za-z0-9]{24}$/);
    expect(ids.publication()).toMatch(/^pub_[A-Za-z0-9]{32}$/);
    expect(ids.holder()).toMatch(/^rh_[0-9a-f]{18}$/);
    expect(ids.requestId()).toMatch(/^v-[0-9a-f]{18}$/);
  });

  it('grow in creation order for holders and request ids', () => {
    const ids = createIdGenerator();
    const holders = Array.from({ length: 50 }, () => ids.holder());
    expect([...holders].sort()).toEqual(holders);
    expect(holders[0] > 'rh_0f1ab744ce8277d0dc').toBe(true);
  });

  it('repeat with the same seed and differ with another', () => {
    const a = createIdGenerator(123);
    const b = createIdGenerator(123);
    const c = createIdGenerator(124);
    const take = (g: ReturnType<typeof createIdGenerator>) => [g.voucher(), g.customer(), g.holder(), g.code('ABC', 8)];
    const first = take(a);
    expect(take(b)).toEqual(first);
    expect(take(c)).not.toEqual(first);
  });

  it('do not collide over 100,000 vouchers', () => {
    const ids = createIdGenerator(1);
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(ids.voucher());
    expect(seen.size).toBe(100_000);
  });
});

describe('loadFixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-fixtures-'));
  const write = (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('loads the default fixtures with every required kind of data', () => {
    const data = loadFixtures(defaultFixturesPath);
    const campaigns = Object.values(data.campaigns) as Campaign[];
    const types = campaigns.map((c) => c.campaign_type);
    expect(types).toEqual(expect.arrayContaining(['REFERRAL_PROGRAM', 'DISCOUNT_COUPONS', 'LOYALTY_PROGRAM']));
    const referral = campaigns.find((c) => c.campaign_type === 'REFERRAL_PROGRAM')!;
    const codes = (Object.values(data.vouchers) as Voucher[]).filter((v) => v.campaign_id === referral.id);
    const holders = Object.values(data.redeemable_holders) as RedeemableHolder[];
    const published = codes.filter((v) => holders.some((h) => h.redeemable_id === v.id && h.holder_role === 'REFERRER'));
    expect(published.length).toBeGreaterThanOrEqual(1);
    expect(codes.length - published.length).toBeGreaterThanOrEqual(1);
    const loyalty = campaigns.find((c) => c.campaign_type === 'LOYALTY_PROGRAM')!;
    const freeCards = (Object.values(data.vouchers) as Voucher[]).filter((v) => v.campaign_id === loyalty.id && !v.holder_id);
    expect(freeCards.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(data.customers).length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['broken.json', '{"campaigns": [', /broken\.json: not valid JSON/],
    ['array.json', '[]', /array\.json: must be an object with the collections/],
    ['unknown.json', '{"coupons": []}', /unknown\.json: unknown collection "coupons"/],
    ['noid.json', '{"customers": [{"name": "x"}]}', /noid\.json: customers\[0\] has no string "id"/],
    ['dangling.json', '{"vouchers": [{"id": "v_1", "code": "A", "campaign_id": "camp_missing"}]}', /dangling\.json: v_1 names campaign_id camp_missing/],
    [
      'twice.json',
      '{"campaigns": [{"id": "camp_1", "name": "Same", "campaign_type": "PROMOTION"}, {"id": "camp_2", "name": "Same", "campaign_type": "PROMOTION"}]}',
      /twice\.json: camp_2 has the same name "Same" as camp_1/,
    ],
  ])('rejects %s naming the file and the problem', (name, content, message) => {
    const file = write(name, content);
    expect(() => loadFixtures(file)).toThrow(FixtureError);
    expect(() => loadFixtures(file)).toThrow(message);
  });

  it('names a missing path', () => {
    expect(() => loadFixtures(join(dir, 'nope.json'))).toThrow(/nope\.json: fixture file or folder not found/);
  });

  it('merges every .json file of a folder', () => {
    const folder = join(dir, 'set');
    mkdirSync(folder);
    writeFileSync(join(folder, '1-campaigns.json'), '{"campaigns": [{"id": "camp_1", "name": "C", "campaign_type": "DISCOUNT_COUPONS"}]}');
    writeFileSync(join(folder, '2-vouchers.json'), '{"vouchers": [{"id": "v_1", "code": "A", "campaign_id": "camp_1"}]}');
    const data = loadFixtures(folder);
    expect(Object.keys(data.campaigns)).toEqual(['camp_1']);
    expect(Object.keys(data.vouchers)).toEqual(['v_1']);
  });
});

describe('meetsConditions', () => {
  const now = new Date('2026-11-22T00:00:00.000Z');
  it.each([
    ['abc', { $starts_with: 'ab' }, true],
    ['abc', { $ends_with: 'bc' }, true],
    ['abc', { $contains: 'x' }, false],
    ['abc', { $not_contain: 'x' }, true],
    [null, { $is_unknown: '' }, true],
    [null, { $has_value: '' }, false],
    ['2026-11-20T00:00:00.000Z', { $less_than: 3 }, true],
    ['2026-11-20T00:00:00.000Z', { $more_than: 3 }, false],
    ['2026-11-20T00:00:00.000Z', { $before: '2026-11-21T00:00:00.000Z', $after: '2026-11-19T00:00:00.000Z' }, true],
  ])('%j meets %j: %s', (value, conditions, expected) => {
    expect(meetsConditions(value, conditions, now)).toBe(expected);
  });
});
