// Categories and segments in fixture files: what a fixture may hold and what it is refused for.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureError, loadFixtures } from '../src/index.js';
import { NOW, client, testApp } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-categories-'));
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
};

const category = { id: 'cat_0e0000000000000001', name: 'Fixture', hierarchy: 1, created_at: '2026-01-01T00:00:00.000Z', object: 'category' };
const gold = {
  id: 'seg_fixturegold0000000000000',
  name: 'Gold',
  created_at: '2026-01-01T00:00:00.000Z',
  type: 'auto-update',
  filter: { 'metadata.tier': { conditions: { $is: 'gold' } } },
  initial_sync_status: 'DONE',
  object: 'segment',
};

describe('fixtures with categories and segments', () => {
  it('serves the categories and segments a fixture holds', async () => {
    const file = write('good.json', {
      categories: [category],
      segments: [gold],
      customers: [{ id: 'cust_fixtureann', source_id: 'ann', metadata: { tier: 'gold' }, created_at: NOW.toISOString(), object: 'customer' }],
    });
    const api = client(await testApp({ fixtures: file }));
    expect((await api.get(`/v1/categories/${category.id}`)).body).toEqual(category);
    expect((await api.get('/v1/customers/ann/segments')).body).toMatchObject({ data: [{ id: gold.id, name: 'Gold', object: 'segment' }], total: 1 });
  });

  it.each([
    ['a segment of an unknown type', { segments: [{ ...gold, type: 'dynamic' }] }, /seg_fixturegold0000000000000 has an unknown type "dynamic"/],
    [
      'a segment whose filter uses an unknown condition',
      { segments: [{ ...gold, filter: { name: { conditions: { $like: 'A%' } } } }] },
      /seg_fixturegold0000000000000 has a filter the mock cannot read: Unknown condition \$like in filter\.name/,
    ],
    ['a category without a hierarchy', { categories: [{ ...category, hierarchy: undefined }] }, /cat_0e0000000000000001 has no hierarchy/],
    [
      'a voucher in a category the fixtures do not have',
      { vouchers: [{ id: 'v_1', code: 'A', campaign_id: null, category_id: 'cat_missing' }] },
      /v_1 names category_id cat_missing, which is not a category in the fixtures/,
    ],
    [
      'two categories of one name',
      { categories: [category, { ...category, id: 'cat_0e0000000000000002' }] },
      /cat_0e0000000000000002 has the same name "Fixture" as cat_0e0000000000000001/,
    ],
  ])('refuses %s', (_case, content, message) => {
    const file = write('bad.json', content);
    expect(() => loadFixtures(file)).toThrow(FixtureError);
    expect(() => loadFixtures(file)).toThrow(message);
  });
});
