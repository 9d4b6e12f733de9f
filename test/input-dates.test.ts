// Date and date-time inputs, in bodies and queries: what Voucherify accepts passes (and instants are
// stored as ISO-8601 UTC with milliseconds); anything else is a 400 naming the field, never a 500.

import { FIXTURE, client, expectError, testApp, type Agent } from './helpers.js';

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

const program = (extra: Record<string, unknown>) => ({ name: 'Dated Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } }, ...extra });
const discountVoucher = (extra: Record<string, unknown>) => ({ type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, ...extra });
const campaign = (extra: Record<string, unknown>) => ({
  name: 'Dated Sale',
  campaign_type: 'DISCOUNT_COUPONS',
  voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 } },
  ...extra,
});
const balance = (expirationDate: string) => ({ points: 10, expiration_type: 'CUSTOM_DATE', expiration_date: expirationDate });
const redemption = (customer: Record<string, unknown>) => ({ redeemables: [{ object: 'voucher', id: FIXTURE.discountCode }], order: { amount: 2000 }, customer });

/** "+02" offsets and the leap second pass a plain RFC 3339 check, but Date cannot read them. */
const UNREADABLE_BY_DATE = ['2026-12-01T10:00:00+02', '2016-12-31T23:59:60Z'];

describe('a bad date in a body is 400 invalid_payload naming the field', () => {
  const cases: [string, string, string, unknown, string][] = [
    ['POST', '/v1/loyalties', 'start_date "soon"', program({ start_date: 'soon' }), 'Property .start_date must match format "date-time"'],
    ['POST', '/v1/loyalties', 'expiration_date in month 13', program({ expiration_date: '2026-13-01T00:00:00Z' }), 'Property .expiration_date must match format "date-time"'],
    ['POST', '/v1/loyalties', 'start_date on February 30', program({ start_date: '2027-02-30T00:00:00Z' }), 'Property .start_date must match format "date-time"'],
    ...UNREADABLE_BY_DATE.flatMap((value): [string, string, string, unknown, string][] => [
      ['POST', '/v1/loyalties', `start_date ${value}`, program({ start_date: value }), 'Property .start_date must match format "date-time"'],
      ['POST', '/v1/campaigns', `start_date ${value}`, campaign({ start_date: value }), 'Property .start_date must match format "date-time"'],
      ['POST', '/v1/vouchers', `expiration_date ${value}`, discountVoucher({ expiration_date: value }), 'Property .expiration_date must match format "date-time"'],
      ['PUT', `/v1/vouchers/${FIXTURE.discountCode}`, `start_date ${value}`, { start_date: value }, 'Property .start_date must match format "date-time"'],
      ['PUT', `/v1/campaigns/${encodeURIComponent(FIXTURE.discountCampaign)}`, `expiration_date ${value}`, { expiration_date: value }, 'Property .expiration_date must match format "date-time"'],
      ['POST', `/v1/campaigns/${encodeURIComponent(FIXTURE.discountCampaign)}/vouchers`, `start_date ${value}`, { start_date: value }, 'Property .start_date must match format "date-time"'],
    ]),
    ...['soon', '2027-02-30', '1', '2027-05-30T10:00:00+02', '30-05-2027'].map((value): [string, string, string, unknown, string] => [
      'POST',
      '/v1/loyalties/members/LC-00000001/balance',
      `expiration_date "${value}"`,
      balance(value),
      'Property .expiration_date cannot be recognized as a ISO-8601 compliant date',
    ]),
    ['POST', '/v1/redemptions', 'customer.birthdate "30-05-1990"', redemption({ source_id: 'dated', birthdate: '30-05-1990' }), 'Property .customer.birthdate must match format "date"'],
    ['POST', '/v1/customers', 'birthdate on February 30', { source_id: 'dated', birthdate: '1990-02-30' }, 'Property .birthdate must match format "date"'],
  ];

  it.each(cases)('%s %s with %s', async (method, path, _what, body, details) => {
    const res = method === 'PUT' ? await api.put(path, body) : await api.post(path, body);
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe(details);
  });

  it('writes nothing', async () => {
    const before = await api.get('/v1/loyalties');
    expectError(await api.post('/v1/loyalties', program({ start_date: 'soon' })), 400, 'invalid_payload', 'Invalid payload');
    expect((await api.get('/v1/loyalties')).body.total).toBe(before.body.total);
    expectError(await api.post('/v1/redemptions', redemption({ source_id: 'dated', birthdate: 'x' })), 400, 'invalid_payload', 'Invalid payload');
    expectError(await api.get('/v1/customers/dated'), 404, 'not_found', 'Resource not found');
  });
});

describe('a bad date in a query is 400 invalid_query_params naming the parameter', () => {
  it.each([
    ['/v1/customers?created_at[before]=2026-01-01T00:00:00%2B01', 'Property .created_at.before must match format "date-time"'],
    ['/v1/vouchers?updated_at[after]=soon', 'Property .updated_at.after must match format "date-time"'],
    ['/v1/redemptions?created_at[after]=2016-12-31T23:59:60Z', 'Property .created_at.after must match format "date-time"'],
    ['/v1/async-actions?end_date=2026-02-30T00:00:00Z', 'Property .end_date must match format "date-time"'],
    [`/v1/referrals/members/${FIXTURE.publishedCode}/holders?filters[created_at][conditions][$before]=yesterday`, 'Property .filters.created_at.conditions.$before must match format "date-time"'],
  ])('%s', async (path, details) => {
    expect(expectError(await api.get(path), 400, 'invalid_query_params', 'Invalid query params').details).toBe(details);
  });
});

describe('the shapes Voucherify accepts pass', () => {
  it.each([
    ['2026-12-01T00:00:00Z', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01T00:00:00.5Z', '2026-12-01T00:00:00.500Z'],
    ['2026-12-01T00:00:00.123Z', '2026-12-01T00:00:00.123Z'],
    ['2026-12-01T02:00:00+02:00', '2026-12-01T00:00:00.000Z'],
    ['2026-11-30T19:00:00.250-05:00', '2026-12-01T00:00:00.250Z'],
  ])('a loyalty program starting %s starts at %s', async (startDate, stored) => {
    const res = await api.post('/v1/loyalties', program({ start_date: startDate, expiration_date: '2027-12-01T00:00:00Z' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ start_date: stored, expiration_date: '2027-12-01T00:00:00.000Z' });
  });

  it.each(['2027-05-30', '2027-05-30T10:00:00Z', '2027-05-30T12:00:00.000+02:00'])('points expiring on %s', async (expirationDate) => {
    const res = await api.post('/v1/loyalties/members/LC-00000001/balance', balance(expirationDate));
    expect(res.status).toBe(200);
  });

  it('a customer birthdate as a calendar day', async () => {
    const res = await api.post('/v1/redemptions', redemption({ source_id: 'dated', birthdate: '1990-05-30' }));
    expect(res.status).toBe(200);
    expect((await api.get('/v1/customers/dated')).body.birthdate).toBe('1990-05-30');
  });
});
