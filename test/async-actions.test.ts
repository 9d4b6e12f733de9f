// Async actions: the record of bulk work (here, adding vouchers to a campaign and deleting one).

import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

let api: Agent;
beforeEach(async () => {
  api = client(await testApp(), 'async-actions-tenant');
});

async function startGenerate(count = 3): Promise<string> {
  const res = await api.post(`/v1/campaigns/${encodeURIComponent('Summer Sale 2026')}/vouchers?vouchers_count=${count}`, {});
  expect(res.status).toBe(202);
  return res.body.async_action_id;
}

describe('GET /v1/async-actions/{asyncActionId}', () => {
  it('reports a finished action with its result', async () => {
    const id = await startGenerate(3);
    const res = await api.get(`/v1/async-actions/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id,
      type: 'CAMPAIGN.VOUCHERS_GENERATE',
      status: 'DONE',
      result: { message: 'Generated 3 vouchers.', done_count: 3 },
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
      request_id: expect.stringMatching(/^v-[0-9a-f]{18}$/),
      processing_time: 0,
      progress: 100,
      object: 'async_action',
    });
  });

  it('answers 404 for an unknown id', async () => {
    const body = expectError(await api.get('/v1/async-actions/aa_0aeb82bd55d5beffb'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({
      details: 'Cannot find async_action with id aa_0aeb82bd55d5beffb',
      resource_id: 'aa_0aeb82bd55d5beffb',
      resource_type: 'async_action',
    });
  });

  it('does not show one tenant’s actions to another', async () => {
    const id = await startGenerate();
    const other = client(await testApp(), 'someone-else');
    expectError(await other.get(`/v1/async-actions/${id}`), 404, 'not_found', 'Resource not found');
  });
});

describe('GET /v1/async-actions', () => {
  it('lists actions newest first, without their results', async () => {
    const first = await startGenerate(2);
    const deletion = await api.delete('/v1/campaigns/Gift%20Cards');
    const res = await api.get('/v1/async-actions');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'async_actions', has_more: false });
    expect(res.body.async_actions.map((a: { id: string }) => a.id)).toEqual([deletion.body.async_action_id, first]);
    expect(res.body.async_actions[0]).not.toHaveProperty('result');
    expect(res.body.async_actions[0]).toMatchObject({ type: 'CAMPAIGN.VOUCHERS_DELETE', status: 'DONE', progress: 100 });
  });

  it('honours limit and end_date', async () => {
    await startGenerate(2);
    await startGenerate(2);
    const limited = await api.get('/v1/async-actions?limit=1');
    expect(limited.body.async_actions).toHaveLength(1);
    expect(limited.body.has_more).toBe(true);
    const before = await api.get(`/v1/async-actions?end_date=${NOW.toISOString()}`);
    expect(before.body.async_actions).toEqual([]);
  });

  it('answers 400 invalid_query_params for a malformed end_date', async () => {
    const body = expectError(await api.get('/v1/async-actions?end_date=yesterday'), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe('Property .end_date must match format "date-time"');
  });
});
