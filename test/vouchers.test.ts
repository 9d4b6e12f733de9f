// Vouchers: GET /v1/vouchers/{code}, showing who holds and who refers a code.

import { readFileSync } from 'node:fs';
import { FIXTURE, client, expectError, testApp, type Agent } from './helpers.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const alice = fixtures.customers.find((c: { source_id: string }) => c.source_id === FIXTURE.referrerSourceId);

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

describe('GET /v1/vouchers/{code}', () => {
  it('shows the referrer of a published referral code as holder_id and referrer_id', async () => {
    const res = await api.get(`/v1/vouchers/${FIXTURE.publishedCode}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^v_[A-Za-z0-9]{32}$/),
      code: FIXTURE.publishedCode,
      campaign: FIXTURE.referralCampaign,
      campaign_id: expect.stringMatching(/^camp_[A-Za-z0-9]{24}$/),
      type: 'DISCOUNT_VOUCHER',
      is_referral_code: true,
      holder_id: alice.id,
      referrer_id: alice.id,
      publish: { object: 'list', count: 1 },
      object: 'voucher',
    });
  });

  it('shows no holder on an unpublished code', async () => {
    const res = await api.get(`/v1/vouchers/${FIXTURE.unpublishedCode}`);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('holder_id');
    expect(res.body).not.toHaveProperty('referrer_id');
    expect(res.body.publish.count).toBe(0);
  });

  it('finds a voucher by its id too', async () => {
    const byCode = await api.get(`/v1/vouchers/${FIXTURE.discountCode}`);
    const byId = await api.get(`/v1/vouchers/${byCode.body.id}`);
    expect(byId.body).toEqual(byCode.body);
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.get('/v1/vouchers/NO-SUCH-CODE'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id NO-SUCH-CODE', resource_id: 'NO-SUCH-CODE', resource_type: 'voucher' });
  });
});
