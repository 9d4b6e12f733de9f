// The official @voucherify/sdk, unpatched, against a mock on a real port: promotion tiers, stacks,
// the promotions validation and a tier's redemption.

import { sdkAgainstMock, sdkError, type Client } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-promotions', 11);

const order = { items: [{ product_id: 'prod_a', price: 2000, quantity: 2 }, { product_id: 'prod_b', price: 700 }] };

describe('promotions through the SDK', () => {
  it('creates a promotion, manages its tiers and stacks, and reads them back', async () => {
    const campaign = (await sdk.client.promotions.create({
      name: 'SDK Promotion',
      campaign_type: 'PROMOTION',
      promotion: { tiers: [{ name: 'Ten percent', banner: '10% off', action: { discount: { type: 'PERCENT', percent_off: 10 } } }] },
    } as Parameters<Client['promotions']['create']>[0])) as { id: string; promotion: { tiers: { id: string }[] } };
    const [first] = campaign.promotion.tiers;

    const second = await sdk.client.promotions.tiers.create(campaign.id, { name: 'Five off', action: { discount: { type: 'AMOUNT', amount_off: 500 } } } as never);
    expect(second).toMatchObject({ name: 'Five off', hierarchy: 2, campaign_id: campaign.id, object: 'promotion_tier' });
    expect((await sdk.client.promotions.tiers.get(first.id)).name).toBe('Ten percent');
    const listed = await sdk.client.promotions.tiers.list(campaign.id);
    expect(listed.tiers.map((t) => t.id)).toEqual([first.id, second.id]);
    expect(((await sdk.client.promotions.tiers.listAll({ is_available: true })) as { total?: number }).total).toBe(2);

    const updated = await sdk.client.promotions.tiers.update({ id: second.id, name: 'Six off', action: { discount: { type: 'AMOUNT', amount_off: 600 } } } as never);
    expect(updated).toMatchObject({ id: second.id, name: 'Six off', action: { discount: { amount_off: 600 } } });

    const stack = await sdk.client.promotions.stack.createInCampaign(campaign.id, { name: 'Both', tiers: { ids: [first.id, second.id], hierarchy_mode: 'MANUAL' } });
    expect(stack).toMatchObject({ name: 'Both', campaign_id: campaign.id, object: 'promotion_stack' });
    expect((await sdk.client.promotions.stack.get(campaign.id, stack.id)).tiers.ids).toEqual([first.id, second.id]);
    expect((await sdk.client.promotions.stack.listInCampaign(campaign.id)).total).toBe(1);
    expect((await sdk.client.promotions.stack.update(campaign.id, stack.id, { name: 'Renamed' })).name).toBe('Renamed');
    expect((await sdk.client.promotions.stack.list()).total).toBe(1);
    await sdk.client.promotions.stack.delete(campaign.id, stack.id);
    expect((await sdk.client.promotions.stack.list()).total).toBe(0);

    await sdk.client.promotions.tiers.delete(second.id);
    expect(await sdkError(sdk.client.promotions.tiers.get(second.id))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: `Cannot find promotion_tier with id ${second.id}`,
    });
  });

  it('validates the promotions for an order, and redeems a tier', async () => {
    const campaign = (await sdk.client.promotions.create({
      name: 'SDK Validate',
      campaign_type: 'PROMOTION',
      promotion: { tiers: [{ name: 'Five off', action: { discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } } }] },
    } as Parameters<Client['promotions']['create']>[0])) as { id: string; promotion: { tiers: { id: string }[] } };
    const tierId = campaign.promotion.tiers[0].id;

    const validation = await sdk.client.promotions.validate({ order, customer: { source_id: 'sdk-annie' } } as never);
    expect(validation.valid).toBe(true);
    expect(validation.promotions?.map((p) => [p.id, p.discount_amount])).toEqual([[tierId, 500]]);

    const redemption = await sdk.client.promotions.tiers.redeem(tierId, { order, customer: { source_id: 'sdk-annie' } } as never);
    expect(redemption).toMatchObject({ result: 'SUCCESS', order: { total_amount: 4200, status: 'PAID' }, promotion_tier: { id: tierId } });
    expect(((await sdk.client.promotions.tiers.get(tierId)) as { summary?: unknown }).summary).toEqual({ redemptions: { total_redeemed: 1 }, orders: { total_amount: 4700, total_discount_amount: 500 } });

    const stacked = await sdk.client.redemptions.redeemStackable({ redeemables: [{ object: 'promotion_tier', id: tierId }], order } as never);
    expect(stacked.order?.total_amount).toBe(4200);
  });
});
