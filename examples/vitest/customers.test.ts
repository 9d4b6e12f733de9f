import { beforeEach, expect, inject, test } from 'vitest';
import type { Customer } from 'mock-voucherify';

const url = inject('mockVoucherifyUrl');
// Each X-App-Id is a tenant of its own: one per test file keeps files from seeing each other's data.
const headers = { 'X-App-Id': 'vitest-customers', 'X-App-Token': 'secret', 'Content-Type': 'application/json' };

// Start every test from the fixtures again (only this file's tenant).
beforeEach(async () => {
  await fetch(`${url}/_mock/reset`, { method: 'POST', headers });
});

test('creates a customer and reads it back', async () => {
  const created = await fetch(`${url}/v1/customers`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ source_id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com' }),
  });
  expect(created.status).toBe(200);

  const res = await fetch(`${url}/v1/customers/ada`, { headers });
  const customer = (await res.json()) as Customer;
  expect(customer).toMatchObject({ object: 'customer', source_id: 'ada', name: 'Ada Lovelace' });
});

test('starts each test from the fixtures', async () => {
  expect((await fetch(`${url}/v1/customers/ada`, { headers })).status).toBe(404);
});
