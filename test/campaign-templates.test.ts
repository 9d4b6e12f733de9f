// Campaign templates: made from a campaign or a promotion tier, listed, read, renamed and deleted,
// and used to create campaigns (campaign-setup) and promotion tiers (tier-setup), each with fresh
// copies of the template's validation rules. Every error with status, code, key and message.

import type { MockApp } from '../src/index.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'templates-tenant');
});

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

const TEMPLATE_ID = /^camp_tpl_[0-9a-f]{18}$/;
const tenOff = { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' };
const overAmount = (cents: number) => ({ name: `Order over ${cents}`, rules: { '1': { name: 'order.amount', conditions: { $more_than: [cents] } }, logic: '1' }, error: { message: 'Too small' } });

/** A DISCOUNT_COUPONS campaign with one rule assigned (order over 50.00). */
async function discountCampaign(name = 'Autumn Coupons') {
  const campaign = await ok(
    api.post('/v1/campaigns', {
      name,
      campaign_type: 'DISCOUNT_COUPONS',
      description: 'Ten off every order',
      type: 'STATIC',
      join_once: true,
      start_date: '2026-10-01T00:00:00.000Z',
      expiration_date: '2026-12-31T23:59:59.000Z',
      validity_day_of_week: [1, 2, 3, 4, 5],
      metadata: { region: 'EU' },
      category: 'Seasonal',
      vouchers_count: 3,
      voucher: { type: 'DISCOUNT_VOUCHER', discount: tenOff, redemption: { quantity: 2 }, code_config: { pattern: 'AUT-####', charset: '0123456789' } },
    }),
  );
  const rule = await ok(api.post('/v1/validation-rules', overAmount(5000)));
  await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, { campaign: campaign.id }));
  return { campaign, rule };
}

const createTemplate = (body: Json) => ok(api.post('/v1/templates/campaigns', body));

describe('POST /v1/templates/campaigns', () => {
  it('makes a template from a discount campaign, by id or by name', async () => {
    const { campaign } = await discountCampaign();
    const template = await createTemplate({ name: 'Coupons template', description: 'Reuse every autumn', campaign_id: campaign.id });
    expect(template).toEqual({
      id: expect.stringMatching(TEMPLATE_ID),
      name: 'Coupons template',
      description: 'Reuse every autumn',
      campaign_type: 'DISCOUNT_COUPONS',
      created_at: NOW.toISOString(),
      object: 'campaign_template',
    });
    expect(await ok(api.get(`/v1/templates/campaigns/${template.id}`))).toEqual(template);
    const byName = await createTemplate({ name: 'By name', campaign_id: campaign.name });
    expect(byName).toMatchObject({ name: 'By name', campaign_type: 'DISCOUNT_COUPONS' });
    expect(byName).not.toHaveProperty('description');
  });

  it('keeps the campaign settings and its rules, but not its name, category or code count (expand=json_template)', async () => {
    const { campaign, rule } = await discountCampaign();
    const template = await createTemplate({ name: 'Kept', campaign_id: campaign.id });
    const expanded = await ok(api.get(`/v1/templates/campaigns/${template.id}?expand=json_template`));
    expect(expanded.json_template.campaign).toEqual({
      description: 'Ten off every order',
      type: 'STATIC',
      voucher: { type: 'DISCOUNT_VOUCHER', discount: tenOff, redemption: { quantity: 2 }, code_config: expect.objectContaining({ pattern: 'AUT-####', charset: '0123456789' }) },
      auto_join: false,
      join_once: true,
      use_voucher_metadata_schema: true,
      start_date: '2026-10-01T00:00:00.000Z',
      expiration_date: '2026-12-31T23:59:59.000Z',
      validity_day_of_week: [1, 2, 3, 4, 5],
      active: true,
      metadata: { region: 'EU' },
    });
    expect(expanded.json_template.validation_rules).toEqual([
      { name: rule.name, rules: rule.rules, error: { message: 'Too small' }, applicable_to: rule.applicable_to, type: rule.type, context_type: rule.context_type },
    ]);
  });

  it('makes a GIFT_VOUCHERS template from a gift card campaign', async () => {
    const gift = await ok(api.post('/v1/campaigns', { name: 'Gifts', campaign_type: 'GIFT_VOUCHERS', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 5000 } } }));
    expect(await createTemplate({ name: 'Gift template', campaign_id: gift.id })).toMatchObject({ campaign_type: 'GIFT_VOUCHERS' });
  });

  it('makes a DISCOUNT_COUPONS template from a promotion tier', async () => {
    const promotion = await ok(api.post('/v1/campaigns', { name: 'Promo', campaign_type: 'PROMOTION', promotion: { tiers: [{ name: 'Tier', banner: 'Ten off', action: { discount: tenOff }, metadata: { level: 1 } }] } }));
    const tier = promotion.promotion.tiers[0];
    const template = await createTemplate({ name: 'From tier', promotion_tier_id: tier.id, campaign_id: null });
    expect(template).toMatchObject({ campaign_type: 'DISCOUNT_COUPONS' });
    const expanded = await ok(api.get(`/v1/templates/campaigns/${template.id}?expand=json_template`));
    expect(expanded.json_template.campaign).toMatchObject({ voucher: { type: 'DISCOUNT_VOUCHER', discount: tenOff }, metadata: { level: 1 }, banner: 'Ten off' });
  });

  it('refuses loyalty, referral and promotion campaigns', async () => {
    for (const name of ['Loyalty Club', 'Refer a Friend', 'Black Friday 2026']) {
      const res = await api.post('/v1/templates/campaigns', { name: `T ${name}`, campaign_id: name });
      const body = expectError(res, 400, 'campaign_type_is_not_supported_by_campaign_template', 'Campaign of the given type is not supported by campaign template');
      expect(body.details).toMatch(new RegExp(`^Campaign ${name} is a (LOYALTY_PROGRAM|REFERRAL_PROGRAM|PROMOTION) campaign`));
    }
    expect((await ok(api.get('/v1/templates/campaigns?include_total=true'))).total).toBe(0);
  });

  it('needs exactly one of campaign_id and promotion_tier_id', async () => {
    const neither = expectError(await api.post('/v1/templates/campaigns', { name: 'x' }), 400, 'invalid_payload', 'Invalid payload');
    expect(neither.details).toBe("Payload must have required property 'campaign_id' or 'promotion_tier_id'");
    const both = expectError(await api.post('/v1/templates/campaigns', { name: 'x', campaign_id: 'Summer Sale 2026', promotion_tier_id: 'promo_x' }), 400, 'invalid_payload', 'Invalid payload');
    expect(both.details).toBe('Only one of campaign_id and promotion_tier_id can be given');
    const noName = expectError(await api.post('/v1/templates/campaigns', { campaign_id: 'Summer Sale 2026' }), 400, 'invalid_payload', 'Invalid payload');
    expect(noName.details).toMatch(/name/);
  });

  it('refuses a promotion tier without a discount', async () => {
    const promotion = await ok(api.get('/v1/campaigns/Black Friday 2026'));
    const tier = await ok(api.post(`/v1/promotions/${promotion.id}/tiers`, { name: 'Banner only', banner: 'Nothing off' }));
    const body = expectError(await api.post('/v1/templates/campaigns', { name: 'x', promotion_tier_id: tier.id }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe(`Promotion tier ${tier.id} has no discount (action.discount) to make a campaign template from`);
  });

  it('an unknown campaign or tier is 404; a taken name is 409', async () => {
    const campaign = expectError(await api.post('/v1/templates/campaigns', { name: 'x', campaign_id: 'camp_nothere' }), 404, 'not_found', 'Resource not found');
    expect(campaign).toMatchObject({ details: 'Cannot find campaign with id camp_nothere', resource_type: 'campaign' });
    const tier = expectError(await api.post('/v1/templates/campaigns', { name: 'x', promotion_tier_id: 'promo_nothere' }), 404, 'not_found', 'Resource not found');
    expect(tier).toMatchObject({ details: 'Cannot find promotion_tier with id promo_nothere', resource_type: 'promotion_tier' });
    await createTemplate({ name: 'Taken', campaign_id: 'Summer Sale 2026' });
    const taken = expectError(await api.post('/v1/templates/campaigns', { name: 'Taken', campaign_id: 'Summer Sale 2026' }), 409, 'duplicate_found', 'Duplicated resource found');
    expect(taken).toMatchObject({ details: 'Duplicated campaign_template exists with name Taken', resource_id: 'Taken', resource_type: 'campaign_template' });
  });
});

describe('GET /v1/templates/campaigns', () => {
  it('lists oldest first by id, pages with starting_after_id, and filters', async () => {
    const made: Json[] = [];
    for (const name of ['Alpha', 'Beta', 'Gamma']) made.push(await createTemplate({ name, campaign_id: 'Summer Sale 2026' }));
    made.push(await createTemplate({ name: 'Gift', campaign_id: 'Gift Cards' }));
    const first = await ok(api.get('/v1/templates/campaigns?limit=2'));
    expect(first).toEqual({ object: 'list', data_ref: 'data', data: made.slice(0, 2), has_more: true, more_starting_after: made[1].id });
    const second = await ok(api.get(`/v1/templates/campaigns?limit=2&starting_after_id=${made[1].id}&include_total=true`));
    expect(second).toEqual({ object: 'list', data_ref: 'data', data: made.slice(2), total: 4, has_more: false });
    expect((await ok(api.get('/v1/templates/campaigns?order=-id'))).data.map((t: Json) => t.name)).toEqual(['Gift', 'Gamma', 'Beta', 'Alpha']);
    const gifts = await ok(api.get('/v1/templates/campaigns?filters[campaign_type][conditions][$is]=GIFT_VOUCHERS'));
    expect(gifts.data.map((t: Json) => t.name)).toEqual(['Gift']);
    const named = await ok(api.get('/v1/templates/campaigns?filters[junction]=or&filters[name][conditions][$in][]=Alpha&filters[id][conditions][$is]=' + made[2].id));
    expect(named.data.map((t: Json) => t.name)).toEqual(['Alpha', 'Gamma']);
  });

  it('refuses a bad order or limit', async () => {
    expectError(await api.get('/v1/templates/campaigns?order=name'), 400, 'invalid_query_params', 'Invalid query params');
    expectError(await api.get('/v1/templates/campaigns?limit=0'), 400, 'invalid_query_params', 'Invalid query params');
  });
});

describe('GET, PUT and DELETE /v1/templates/campaigns/{campaignTemplateId}', () => {
  it('renames a template and changes or removes its description', async () => {
    const template = await createTemplate({ name: 'Old', description: 'First', campaign_id: 'Summer Sale 2026' });
    const renamed = await ok(api.put(`/v1/templates/campaigns/${template.id}`, { name: 'New', description: 'Second' }));
    expect(renamed).toEqual({ ...template, name: 'New', description: 'Second', updated_at: NOW.toISOString() });
    expect(await ok(api.get(`/v1/templates/campaigns/${template.id}`))).toEqual(renamed);
    const bare = await ok(api.put(`/v1/templates/campaigns/${template.id}`, { description: null }));
    expect(bare).not.toHaveProperty('description');
    // Its old name is free again.
    await createTemplate({ name: 'Old', campaign_id: 'Summer Sale 2026' });
  });

  it('refuses a name another template has, and a description that is not a string', async () => {
    await createTemplate({ name: 'First', campaign_id: 'Summer Sale 2026' });
    const second = await createTemplate({ name: 'Second', campaign_id: 'Summer Sale 2026' });
    const res = await api.put(`/v1/templates/campaigns/${second.id}`, { name: 'First' });
    expect(expectError(res, 409, 'duplicate_found', 'Duplicated resource found').details).toBe('Duplicated campaign_template exists with name First');
    const bad = expectError(await api.put(`/v1/templates/campaigns/${second.id}`, { description: 5 }), 400, 'invalid_payload', 'Invalid payload');
    expect(bad.details).toMatch(/description/);
    expect(await ok(api.get(`/v1/templates/campaigns/${second.id}`))).toEqual(second);
  });

  it('deletes a template; the campaigns made from it stay', async () => {
    const template = await createTemplate({ name: 'Gone', campaign_id: 'Summer Sale 2026' });
    const setup = await ok(api.post(`/v1/templates/campaigns/${template.id}/campaign-setup`, { name: 'Made before' }));
    expect((await api.delete(`/v1/templates/campaigns/${template.id}`)).status).toBe(204);
    expectError(await api.get(`/v1/templates/campaigns/${template.id}`), 404, 'not_found', 'Resource not found');
    expect((await ok(api.get(`/v1/campaigns/${setup.campaign.id}`))).name).toBe('Made before');
  });

  it('an unknown template is 404 for every operation', async () => {
    const id = 'camp_tpl_0000000000000000ff';
    const calls = [
      api.get(`/v1/templates/campaigns/${id}`),
      api.put(`/v1/templates/campaigns/${id}`, { name: 'x' }),
      api.delete(`/v1/templates/campaigns/${id}`),
      api.post(`/v1/templates/campaigns/${id}/campaign-setup`, { name: 'x' }),
      api.post(`/v1/templates/campaigns/${id}/tier-setup`, { name: 'x', campaign_id: 'Black Friday 2026' }),
    ];
    for (const call of calls) {
      const body = expectError(await call, 404, 'not_found', 'Resource not found');
      expect(body).toMatchObject({ details: `Cannot find campaign_template with id ${id}`, resource_id: id, resource_type: 'campaign_template' });
    }
  });
});

describe('POST /v1/templates/campaigns/{campaignTemplateId}/campaign-setup', () => {
  it('creates a campaign from the template, with copies of its rules', async () => {
    const { campaign, rule } = await discountCampaign();
    const template = await createTemplate({ name: 'Setup', campaign_id: campaign.id });
    // NOW is a Sunday: the template's Monday-to-Friday validity is replaced so that its codes work now.
    const setup = await ok(api.post(`/v1/templates/campaigns/${template.id}/campaign-setup`, { name: 'From template', vouchers_count: 2, validity_day_of_week: [0] }));
    expect(setup.object).toBe('campaign_setup');
    expect(setup.created_resources).toEqual([{ id: expect.stringMatching(/^val_/), object: 'validation_rules' }]);
    const copyId = setup.created_resources[0].id;
    expect(copyId).not.toBe(rule.id);
    expect(setup.campaign).toMatchObject({
      name: 'From template',
      description: 'Ten off every order',
      campaign_type: 'DISCOUNT_COUPONS',
      type: 'STATIC',
      join_once: true,
      start_date: '2026-10-01T00:00:00.000Z',
      expiration_date: '2026-12-31T23:59:59.000Z',
      validity_day_of_week: [0],
      metadata: { region: 'EU' },
      vouchers_count: 2,
      category_id: null,
      voucher: { type: 'DISCOUNT_VOUCHER', discount: tenOff, redemption: { quantity: 2 }, code_config: expect.objectContaining({ pattern: 'AUT-####' }) },
      validation_rules_assignments: { object: 'list', data_ref: 'data', data: [expect.objectContaining({ rule_id: copyId, related_object_type: 'campaign', related_object_id: setup.campaign.id })], total: 1 },
    });
    expect(setup.campaign).not.toHaveProperty('category');
    expect(await ok(api.get(`/v1/campaigns/${setup.campaign.id}`))).toEqual(setup.campaign);
    const copy = await ok(api.get(`/v1/validation-rules/${copyId}`));
    expect(copy).toMatchObject({ name: rule.name, rules: rule.rules, error: { message: 'Too small' }, assignments_count: 1 });
    // The copy is enforced: a code of the new campaign refuses a small order.
    const codes = await ok(api.get(`/v1/vouchers?campaign_id=${setup.campaign.id}`));
    expect(codes.vouchers.map((v: Json) => v.code)).toEqual([expect.stringMatching(/^AUT-\d{4}$/), expect.stringMatching(/^AUT-\d{4}$/)]);
    const validation = await ok(
      api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: codes.vouchers[0].code }], order: { amount: 2000 } }),
    );
    expect(validation.valid).toBe(false);
    expect(validation.redeemables[0]).toMatchObject({ status: 'INAPPLICABLE', result: { error: { message: 'Too small' } } });
  });

  it('fields sent replace the template’s', async () => {
    const { campaign } = await discountCampaign();
    const template = await createTemplate({ name: 'Overrides', campaign_id: campaign.id });
    const setup = await ok(
      api.post(`/v1/templates/campaigns/${template.id}/campaign-setup`, {
        name: 'Overridden',
        description: null,
        type: 'AUTO_UPDATE',
        auto_join: true,
        join_once: false,
        start_date: null,
        expiration_date: '2027-01-31T00:00:00.000Z',
        metadata: { region: 'US' },
        category: 'Winter',
        voucher: { code_config: { prefix: 'W-', length: 6, charset: 'ABC' }, redemption: { quantity: 5 } },
      }),
    );
    expect(setup.campaign).toMatchObject({
      name: 'Overridden',
      type: 'AUTO_UPDATE',
      auto_join: true,
      join_once: false,
      expiration_date: '2027-01-31T00:00:00.000Z',
      metadata: { region: 'US' },
      category: 'Winter',
      voucher: { discount: tenOff, redemption: { quantity: 5 }, code_config: { prefix: 'W-', length: 6, charset: 'ABC', pattern: '######' } },
      vouchers_count: 0,
    });
    expect(setup.campaign).not.toHaveProperty('description');
    expect(setup.campaign).not.toHaveProperty('start_date');
  });

  it('makes a gift card campaign, and a discount campaign from a tier template', async () => {
    const gift = await createTemplate({ name: 'Gift', campaign_id: 'Gift Cards' });
    const gifts = await ok(api.post(`/v1/templates/campaigns/${gift.id}/campaign-setup`, { name: 'More gift cards', vouchers_count: 1 }));
    expect(gifts).toMatchObject({ created_resources: [], campaign: { campaign_type: 'GIFT_VOUCHERS', vouchers_count: 1, voucher: { type: 'GIFT_VOUCHER' } } });
    const promotion = await ok(api.get('/v1/campaigns/Black Friday 2026'));
    const tier = promotion.promotion.tiers[0];
    const fromTier = await createTemplate({ name: 'Tier', promotion_tier_id: tier.id });
    const coupons = await ok(api.post(`/v1/templates/campaigns/${fromTier.id}/campaign-setup`, { name: 'Tier as coupons' }));
    expect(coupons.campaign).toMatchObject({ campaign_type: 'DISCOUNT_COUPONS', voucher: { type: 'DISCOUNT_VOUCHER', discount: tier.action.discount } });
  });

  it('a campaign name the tenant has is 409, and nothing is written', async () => {
    const { campaign } = await discountCampaign();
    const template = await createTemplate({ name: 'Dup', campaign_id: campaign.id });
    const rulesBefore = (await ok(api.get('/v1/validation-rules'))).total;
    const res = await api.post(`/v1/templates/campaigns/${template.id}/campaign-setup`, { name: 'Summer Sale 2026' });
    const body = expectError(res, 409, 'duplicate_found', 'Duplicated resource found');
    expect(body).toMatchObject({ details: 'Duplicated campaign exists with name Summer Sale 2026', resource_type: 'campaign' });
    expect((await ok(api.get('/v1/validation-rules'))).total).toBe(rulesBefore);
  });

  it('refuses a body without a name, and a type the mock does not make', async () => {
    const template = await createTemplate({ name: 'T', campaign_id: 'Summer Sale 2026' });
    const noName = expectError(await api.post(`/v1/templates/campaigns/${template.id}/campaign-setup`, {}), 400, 'invalid_payload', 'Invalid payload');
    expect(noName.details).toMatch(/name/);
    expectError(await api.post(`/v1/templates/campaigns/${template.id}/campaign-setup`, { name: 'x', type: 'STANDALONE' }), 400, 'invalid_payload', 'Invalid payload');
  });
});

describe('POST /v1/templates/campaigns/{campaignTemplateId}/tier-setup', () => {
  it('adds a tier with the template’s discount, validity and metadata, and copies of its rules', async () => {
    const { campaign, rule } = await discountCampaign();
    const template = await createTemplate({ name: 'For tiers', campaign_id: campaign.id });
    const promotion = await ok(api.get('/v1/campaigns/Black Friday 2026'));
    const setup = await ok(api.post(`/v1/templates/campaigns/${template.id}/tier-setup`, { name: 'Templated tier', campaign_id: 'Black Friday 2026', banner: 'Ten off' }));
    expect(setup.object).toBe('promotion_tier_setup');
    expect(setup.created_resources).toEqual([{ id: expect.stringMatching(/^val_/), object: 'validation_rules' }]);
    expect(setup.created_resources[0].id).not.toBe(rule.id);
    expect(setup.promotion_tier).toMatchObject({
      name: 'Templated tier',
      banner: 'Ten off',
      action: { discount: tenOff },
      metadata: { region: 'EU' },
      hierarchy: promotion.promotion.tiers.length + 1,
      campaign_id: promotion.id,
      active: true,
      start_date: '2026-10-01T00:00:00.000Z',
      expiration_date: '2026-12-31T23:59:59.000Z',
      validity_day_of_week: [1, 2, 3, 4, 5],
      object: 'promotion_tier',
      validation_rule_assignments: { total: 1, data: [expect.objectContaining({ rule_id: setup.created_resources[0].id, related_object_type: 'promotion_tier' })] },
    });
    expect(await ok(api.get(`/v1/promotions/tiers/${setup.promotion_tier.id}`))).toEqual(setup.promotion_tier);
  });

  it('a tier template keeps its banner; fields sent replace the template’s', async () => {
    const promotion = await ok(api.get('/v1/campaigns/Black Friday 2026'));
    const tier = await ok(api.post(`/v1/promotions/${promotion.id}/tiers`, { name: 'Source', banner: 'Source banner', action: { discount: tenOff }, metadata: { a: 1 } }));
    const template = await createTemplate({ name: 'Tier template', promotion_tier_id: tier.id });
    const kept = await ok(api.post(`/v1/templates/campaigns/${template.id}/tier-setup`, { name: 'Copy', campaign_id: promotion.id }));
    expect(kept.promotion_tier).toMatchObject({ name: 'Copy', banner: 'Source banner', metadata: { a: 1 }, action: { discount: tenOff } });
    const changed = await ok(
      api.post(`/v1/templates/campaigns/${template.id}/tier-setup`, { name: 'Changed', campaign_id: promotion.id, banner: 'New', metadata: { b: 2 }, hierarchy: 9, active: false }),
    );
    expect(changed.promotion_tier).toMatchObject({ name: 'Changed', banner: 'New', metadata: { b: 2 }, hierarchy: 9, active: false });
  });

  it('refuses a GIFT_VOUCHERS template, a campaign that is not a promotion, and an unknown campaign', async () => {
    const gift = await createTemplate({ name: 'Gift', campaign_id: 'Gift Cards' });
    const wrongKind = await api.post(`/v1/templates/campaigns/${gift.id}/tier-setup`, { name: 'x', campaign_id: 'Black Friday 2026' });
    const body = expectError(wrongKind, 400, 'campaign_type_is_not_supported_by_campaign_template', 'Campaign of the given type is not supported by campaign template');
    expect(body.details).toBe(`Campaign template ${gift.id} is a GIFT_VOUCHERS template; promotion tiers are made from DISCOUNT_COUPONS templates`);
    const coupons = await createTemplate({ name: 'Coupons', campaign_id: 'Summer Sale 2026' });
    const notPromotion = await api.post(`/v1/templates/campaigns/${coupons.id}/tier-setup`, { name: 'x', campaign_id: 'Summer Sale 2026' });
    expect(expectError(notPromotion, 400, 'invalid_campaign', 'Invalid Campaign').details).toBe('Campaign Summer Sale 2026 is not a PROMOTION campaign');
    const unknown = await api.post(`/v1/templates/campaigns/${coupons.id}/tier-setup`, { name: 'x', campaign_id: 'camp_nothere' });
    expect(expectError(unknown, 404, 'not_found', 'Resource not found').details).toBe('Cannot find campaign with id camp_nothere');
    const noCampaign = expectError(await api.post(`/v1/templates/campaigns/${coupons.id}/tier-setup`, { name: 'x' }), 400, 'invalid_payload', 'Invalid payload');
    expect(noCampaign.details).toMatch(/campaign_id/);
    const promotion = await ok(api.get('/v1/campaigns/Black Friday 2026'));
    expect(promotion.promotion.total).toBe(2);
  });
});
