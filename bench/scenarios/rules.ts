// Scenario `rules`: validating an order against a voucher with 10 validation rules assigned, against
// the same voucher with none.

import type { Scenario } from '../harness/context.js';
import { ms, ratio } from '../harness/format.js';
import { expectStatus, type Reply } from '../harness/http.js';
import { LOAD_CONNECTIONS } from '../harness/load.js';
import { report } from '../harness/report.js';
import { alternate, DURATION_S, SINGLE_REQUESTS, summary, type SizedCall } from '../harness/sizes.js';

const RULES = 10;
/** Time per request with the rules may be at most this many times that without. */
const TARGET_RATIO = 1.5;
const CODE = 'BENCH-RULES';

/** 20.00 × 2, 7.00 and 15.00 (62.00), with order metadata: every rule below reads something of it. */
const ORDER = {
  items: [
    { product_id: 'prod_a', price: 2000, quantity: 2, metadata: { color: 'red' } },
    { product_id: 'prod_b', price: 700, quantity: 1 },
    { product_id: 'prod_c', price: 1500, quantity: 1 },
  ],
  metadata: { channel: 'web', priority: 3 },
};

const condition = (name: string, conditions: Record<string, unknown[]>, property?: string) => ({
  '1': { name, ...(property ? { property } : {}), conditions, rules: {} },
  logic: '1',
});

/** Ten rules of different kinds, all of which the order meets (so that each is evaluated in full, and the voucher applies). */
const RULE_BODIES = [
  condition('order.amount', { $more_than: [5000] }),
  condition('order.total_amount', { $less_than: [100000] }),
  condition('order.items.count', { $more_than_or_equal: [3] }),
  condition('order.metadata', { $is: ['web'] }, 'channel'),
  condition('order.metadata', { $more_than: [1] }, 'priority'),
  condition('order.items.price_any', { $more_than: [1000] }),
  condition('order.items.price_each', { $more_than: [500] }),
  condition('order.items.metadata_any', { $is: ['red'] }, 'color'),
  condition('order.initial_amount', { $more_than_or_equal: [6200] }),
  {
    '1': { name: 'order.amount', conditions: { $more_than: [1000] }, rules: {} },
    '2': { name: 'order.items.count', conditions: { $less_than: [50] }, rules: {} },
    logic: '1 and 2',
  },
].map((rules, i) => ({ name: `Bench rule ${i + 1}`, rules, error: { message: `Bench rule ${i + 1} does not hold` } }));

/** An answer is only what the figure is about when the voucher applied: with the rules, every one of them held. */
function checkApplicable(reply: Reply): void {
  const answer = JSON.parse(reply.body) as { valid: boolean; redeemables: { status: string }[] };
  if (!answer.valid || answer.redeemables[0]?.status !== 'APPLICABLE') throw new Error(`POST /v1/validations did not apply ${CODE}: ${reply.body.slice(0, 500)}`);
}

/** A tenant with the voucher and `rules` rules assigned to it; its validation call. */
async function tenantWith(url: string, rules: number): Promise<SizedCall> {
  const tenant = `bench-rules-${rules}`;
  const voucher = JSON.parse(
    (await expectStatus(200, url, 'POST', `/v1/vouchers/${CODE}`, tenant, { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } })).body,
  ) as { id: string };
  for (const body of RULE_BODIES.slice(0, rules)) {
    const rule = JSON.parse((await expectStatus(200, url, 'POST', '/v1/validation-rules', tenant, body)).body) as { id: string };
    await expectStatus(200, url, 'POST', `/v1/validation-rules/${rule.id}/assignments`, tenant, { related_object_type: 'voucher', related_object_id: voucher.id });
  }
  const shown = JSON.parse((await expectStatus(200, url, 'GET', `/v1/vouchers/${CODE}`, tenant)).body) as { validation_rules_assignments: { total: number } };
  if (shown.validation_rules_assignments.total !== rules) throw new Error(`${CODE} shows ${shown.validation_rules_assignments.total} assignments, not ${rules}`);
  const call: SizedCall = { size: rules, tenant, method: 'POST', path: '/v1/validations', body: () => ({ redeemables: [{ object: 'voucher', id: CODE }], order: ORDER }), check: checkApplicable };
  checkApplicable(await expectStatus(200, url, 'POST', call.path, tenant, call.body!(0)));
  return call;
}

/** A rule that fails must refuse the voucher, or the rules were not evaluated at all. */
async function checkRefusal(url: string, tenant: string): Promise<void> {
  const small = { redeemables: [{ object: 'voucher', id: CODE }], order: { amount: 4000 } };
  const answer = JSON.parse((await expectStatus(200, url, 'POST', '/v1/validations', tenant, small)).body) as { valid: boolean; redeemables: { result: { error?: { key: string } } }[] };
  if (answer.valid || answer.redeemables[0]?.result.error?.key !== 'order_rules_violated') throw new Error(`an order of 40.00 was not refused by the rules: ${JSON.stringify(answer).slice(0, 500)}`);
}

export const rules: Scenario = {
  name: 'rules',
  description: `POST /v1/validations of a voucher with ${RULES} validation rules assigned against the same voucher with none (own CLI)`,
  async run(context) {
    const { url } = await context.ownCli();
    const without = await tenantWith(url, 0);
    const withRules = await tenantWith(url, RULES);
    await checkRefusal(url, withRules.tenant);
    const [plain, ruled] = await alternate(url, [without, withRules]);
    for (const m of [plain, ruled]) {
      report(`POST /v1/validations, 1 voucher with ${m.size} validation rules, a 3-item order (${LOAD_CONNECTIONS} connections, ${DURATION_S} s runs)`, summary(m));
    }
    const value = ruled.single / plain.single;
    report(
      `POST /v1/validations: time per request with ${RULES} rules ÷ without (median of ${SINGLE_REQUESTS} single requests each)`,
      `${ratio(value)} (${ms(ruled.single, 2)} vs ${ms(plain.single, 2)})`,
      { text: `≤ ${TARGET_RATIO}×`, pass: value <= TARGET_RATIO },
    );
  },
};
