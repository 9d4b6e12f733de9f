// The official @voucherify/sdk, unpatched, against a mock on a real port: qualifications.checkEligibility.

import { startServer, type RunningServer } from '../src/index.js';
import { VoucherifyServerSide, sdkError, type Client } from './support/sdk.js';

let server: RunningServer;
let client: Client;

beforeAll(async () => {
  server = await startServer({ port: 0, seed: 11, validateResponses: true });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  client = VoucherifyServerSide({ applicationId: 'sdk-qualifications', secretKey: 'sdk-secret', apiUrl: server.url });
});

const order = { items: [{ product_id: 'prod_a', price: 2000, quantity: 2 }, { product_id: 'prod_b', price: 700 }] };

describe('qualifications through the SDK', () => {
  it('answers the redeemables a customer and an order qualify for, best deal first', async () => {
    const campaign = (await client.promotions.create({
      name: 'SDK Qualifying Promotion',
      campaign_type: 'PROMOTION',
      promotion: { tiers: [{ name: 'Huge', action: { discount: { type: 'AMOUNT', amount_off: 4000, effect: 'APPLY_TO_ORDER' } } }] },
    } as Parameters<Client['promotions']['create']>[0])) as { id: string; promotion: { tiers: { id: string }[] } };
    const customer = (await client.customers.create({ source_id: 'sdk-qualifier' })) as { id: string };

    const answer = await client.qualifications.checkEligibility({ customer: { id: customer.id }, order, options: { sorting_rule: 'BEST_DEAL', limit: 3, expand: ['redeemable'] } });
    const data = answer.redeemables!.data!;
    expect(answer.redeemables).toMatchObject({ object: 'list', total: 3, has_more: true });
    const totals = data.map((r) => r.order!.total_amount!);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(answer.tracking_id).toBe('sdk-qualifier');

    const mine = await client.qualifications.checkEligibility({
      customer: { id: customer.id },
      order,
      options: { expand: ['redeemable'], filters: { campaign_id: { conditions: { $is: [campaign.id] } } } },
    });
    expect(mine.redeemables).toMatchObject({ total: 1, has_more: false });
    expect(mine.redeemables!.data![0]).toMatchObject({ id: campaign.promotion.tiers[0].id, object: 'promotion_tier', campaign_id: campaign.id, order: { total_amount: 700 } });

    const wallet = await client.qualifications.checkEligibility({ customer: { id: customer.id }, order, scenario: 'CUSTOMER_WALLET' });
    expect(wallet.redeemables).toMatchObject({ data: [], total: 0, has_more: false });
  });

  it('passes on the 400 of a filter the mock does not know', async () => {
    const error = await sdkError(client.qualifications.checkEligibility({ order, options: { filters: { colour: { conditions: { $is: ['red'] } } } } as never }));
    expect(error).toMatchObject({ code: 400, key: 'invalid_payload', message: 'Invalid payload' });
  });
});
