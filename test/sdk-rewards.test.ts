// The official @voucherify/sdk, unpatched, against a mock on a real port: rewards.* (rewards and
// their assignments) and the loyalty side (createRewardAssignments, listRewardAssignments,
// getRewardDetails, listMemberRewards, redeemReward).

import { sdkAgainstMock, sdkError } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-rewards', 13);

type Json = Record<string, any>;

/** A loyalty program and a member of it holding `points`. */
async function givenMember(points: number): Promise<{ program: Json; code: string }> {
  const program = (await sdk.client.loyalties.create({ name: 'Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } } as never)) as Json;
  const member = (await sdk.client.loyalties.createMember(program.id, { customer: { source_id: 'sdk-member' } } as never)) as Json;
  await sdk.client.loyalties.addOrRemoveCardBalance(member.code, { points } as never);
  return { program, code: member.code };
}

const coin = () => sdk.client.rewards.create({ name: '100 = $20', type: 'COIN', parameters: { coin: { exchange_ratio: 20, points_ratio: 100 } } } as never) as Promise<Json>;

describe('rewards through the SDK', () => {
  it('creates, reads, updates, lists and deletes a reward', async () => {
    const created = await coin();
    expect(created).toMatchObject({ id: expect.stringMatching(/^rew_/), name: '100 = $20', type: 'COIN', stock: null, object: 'reward' });
    expect(await sdk.client.rewards.get(created.id)).toEqual(created);
    const updated = await sdk.client.rewards.update({ id: created.id, name: 'Pay with points', stock: 3 } as never);
    expect(updated).toMatchObject({ id: created.id, name: 'Pay with points', stock: 3, updated_at: expect.any(String) });
    const other = await coin();
    const listed = await sdk.client.rewards.list({ limit: 10 } as never);
    expect(listed).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    expect(listed.data.map((reward: Json) => reward.id)).toEqual([other.id, created.id]);
    await sdk.client.rewards.delete(created.id);
    expect(await sdkError(sdk.client.rewards.get(created.id))).toEqual({ code: 404, key: 'not_found', message: 'Resource not found', details: `Cannot find reward with id ${created.id}` });
  });

  it('assigns a reward to a program, reads, reprices, lists and deletes the assignment', async () => {
    const product = (await sdk.client.products.create({ name: 'Mug', price: 900 } as never)) as Json;
    const reward = (await sdk.client.rewards.create({ name: 'Mug', type: 'MATERIAL', parameters: { product: { id: product.id } } } as never)) as Json;
    const { program } = await givenMember(0);
    const assignment = await sdk.client.rewards.createAssignment(reward.id, { campaign: program.id, parameters: { loyalty: { points: 39 } } });
    expect(assignment).toMatchObject({ id: expect.stringMatching(/^rewa_/), reward_id: reward.id, related_object_id: program.id, parameters: { loyalty: { points: 39 } } });
    expect(await sdk.client.rewards.getAssignment(reward.id, assignment.id)).toEqual(assignment);
    const repriced = (await sdk.client.rewards.updateAssignment(reward.id, { id: assignment.id, parameters: { loyalty: { points: 40 } } } as never)) as Json;
    expect(repriced.parameters).toEqual({ loyalty: { points: 40 } });
    expect(await sdk.client.rewards.listAssignments(reward.id)).toMatchObject({ total: 1, data: [repriced] });
    expect(await sdkError(sdk.client.rewards.createAssignment(reward.id, { campaign: program.id, parameters: { loyalty: { points: 1 } } }))).toEqual({
      code: 409,
      key: 'duplicate_found',
      message: 'Duplicated resource found',
      details: `Duplicated reward_assignment exists with id ${assignment.id}`,
    });
    await sdk.client.rewards.deleteAssignment(reward.id, assignment.id);
    expect((await sdk.client.rewards.listAssignments(reward.id)).total).toBe(0);
  });
});

describe('loyalty rewards through the SDK', () => {
  it('assigns rewards to the program, lists them, and a member redeems a COIN reward for an order', async () => {
    const { program, code } = await givenMember(500);
    const reward = await coin();
    const [assignment] = await sdk.client.loyalties.createRewardAssignments(program.id, [{ reward: reward.id } as never]);
    expect(assignment).toMatchObject({ reward_id: reward.id, related_object_id: program.id, object: 'reward_assignment' });
    expect(await sdk.client.loyalties.listRewardAssignments(program.id)).toMatchObject({ object: 'list', total: 1, data: [assignment] });
    expect(await sdk.client.loyalties.getRewardDetails(program.id, assignment.id)).toEqual(reward);
    expect((await sdk.client.loyalties.listMemberRewards(code, { affordable_only: true } as never)).data).toEqual([{ reward, assignment, object: 'loyalty_reward' }]);

    const redemption = (await sdk.client.loyalties.redeemReward(program.id, code, { reward: { id: reward.id, points: 100 }, order: { amount: 45000 } } as never)) as Json;
    expect(redemption).toMatchObject({ object: 'redemption', result: 'SUCCESS', amount: 100, loyalty_card: { points: 100 }, reward: { id: reward.id, assignment_id: assignment.id, type: 'COIN' } });
    expect(redemption.order).toMatchObject({ amount: 45000, discount_amount: 2000, total_amount: 43000 });
    expect(((await sdk.client.loyalties.getMember(program.id, code)) as Json).loyalty_card).toMatchObject({ points: 500, balance: 400 });

    expect(await sdkError(sdk.client.loyalties.redeemReward(program.id, code, { reward: { id: reward.id, points: 401 }, order: { amount: 45000 } } as never))).toEqual({
      code: 400,
      key: 'loyalty_card_points_exceeded',
      message: 'loyalty card points exceeded',
      details: code,
    });
  });
});
