// The official @voucherify/sdk, unpatched, against a mock on a real port: qualifications.checkEligibility.

import { sdkAgainstMock, sdkError, type Client } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-qualifications', 11);

const order = { items: [{ product_id: 'prod_a', price: 2000, quantity: 2 }, { product_id: 'prod_b', price: 700 }] };

describe('qualifications through the SDK', () => {
  it('answers the redeemables a customer and an order qualify for, best deal first', async () => {
    const campaign = (await sdk.client.promotions.create({
      name: 'SDK Qualifying Promotion',
      campaign_type: 'PROMOTION',
      promotion: { tiers: [{ name: 'Huge', action: { discount: { type: 'AMOUNT', amount_off: 4000, effect: 'APPLY_TO_ORDER' } } }] },
    } as Parameters<Client['promotions']['create']>[0])) as { id: string; promotion: { tiers: { id: string }[] } };
    const customer = (await sdk.client.customers.create({ source_id: 'sdk-qualifier' })) as { id: string };

    const answer = await sdk.client.qualifications.checkEligibility({ customer: { id: customer.id }, order, options: { sorting_rule: 'BEST_DEAL', limit: 3, expand: ['redeemable'] } });
    const data = answer.redeemables!.data!;
    expect(answer.redeemables).toMatchObject({ object: 'list', total: 3, has_more: true });
    const totals = data.map((r) => r.order!.total_amount!);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(answer.tracking_id).toBe('sdk-qualifier');

    const mine = await sdk.client.qualifications.checkEligibility({
      customer: { id: customer.id },
      order,
      options: { expand: ['redeemable'], filters: { campaign_id: { conditions: { $is: [campaign.id] } } } },
    });
    expect(mine.redeemables).toMatchObject({ total: 1, has_more: false });
    expect(mine.redeemables!.data![0]).toMatchObject({ id: campaign.promotion.tiers[0].id, object: 'promotion_tier', campaign_id: campaign.id, order: { total_amount: 700 } });

    const wallet = await sdk.client.qualifications.checkEligibility({ customer: { id: customer.id }, order, scenario: 'CUSTOMER_WALLET' });
    expect(wallet.redeemables).toMatchObject({ data: [], total: 0, has_more: false });
  });

  it('passes on the 400 of a filter the mock does not know', async () => {
    const error = await sdkError(sdk.client.qualifications.checkEligibility({ order, options: { filters: { colour: { conditions: { $is: ['red'] } } } } as never }));
    expect(error).toMatchObject({ code: 400, key: 'invalid_payload', message: 'Invalid payload' });
  });
});
