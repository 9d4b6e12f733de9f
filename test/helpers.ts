// Shared test setup: an app that checks its own answers against specs/, and request helpers.

import { appendFileSync } from 'node:fs';
import request from 'supertest';
import { createApp, type AnsweredRequest, type AppOptions, type MockApp } from '../src/index.js';

/** A fixed clock: timestamps in answers are predictable. */
export const NOW = new Date('2026-11-22T12:00:00.000Z');

/**
 * Every app in the tests runs in response-validation mode: an answer that does not fit
 * specs/ becomes a 500 `response_validation_failed`, so the test's status check fails.
 */
export function testApp(options: AppOptions = {}): Promise<MockApp> {
  return createApp({ seed: 42, clock: () => NOW, validateResponses: true, ...recordAnswers(), ...options });
}

/**
 * With MOCK_VOUCHERIFY_RECORD_ANSWERS=<file> (npm run check:reference), every answer of the test
 * apps is appended to that file as one JSON line, for scripts/check-against-reference.mjs to
 * compare with Voucherify's published schemas. Without it, nothing is added to the app.
 */
export function recordAnswers(): Pick<AppOptions, 'onAnswer'> {
  const file = process.env.MOCK_VOUCHERIFY_RECORD_ANSWERS;
  if (!file) return {};
  return { onAnswer: (answer) => appendFileSync(file, `${JSON.stringify(recordOf(answer))}\n`) };
}

function recordOf({ operationId, method, path, status, contentType, json }: AnsweredRequest) {
  let body: unknown = json;
  try {
    body = json === undefined ? undefined : JSON.parse(json);
  } catch {
    // Not JSON: kept as the text sent.
  }
  return { operationId: operationId ?? null, method, path, status, contentType: contentType ?? null, body };
}

export function as(tenant: string) {
  return { 'X-App-Id': tenant, 'X-App-Token': 'test-token' };
}

export type Agent = ReturnType<typeof client>;

/** supertest bound to one app and one tenant. */
export function client(app: MockApp, tenant = 'test-tenant') {
  const headers = as(tenant);
  return {
    get: (path: string) => request(app).get(path).set(headers),
    post: (path: string, body?: unknown) => {
      const req = request(app).post(path).set(headers);
      return body === undefined ? req : req.send(body as object);
    },
    put: (path: string, body: unknown) => request(app).put(path).set(headers).send(body as object),
    delete: (path: string) => request(app).delete(path).set(headers),
  };
}

/** Asserts the four fields every negative test checks, and returns the body for more. */
export function expectError(
  response: request.Response,
  status: number,
  key: string,
  message: string,
): Record<string, unknown> {
  expect({ status: response.status, code: response.body.code, key: response.body.key, message: response.body.message }).toEqual({
    status,
    code: status,
    key,
    message,
  });
  expect(response.body.request_id).toMatch(/^v-[0-9a-f]{18}$/);
  expect(response.headers['content-type']).toMatch(/application\/json/);
  return response.body;
}

/** Names from fixtures/default.json the tests rely on. */
export const FIXTURE = {
  referralCampaign: 'Refer a Friend',
  discountCampaign: 'Summer Sale 2026',
  publishedCode: 'REF-ALICE001',
  unpublishedCode: 'REF-FREE0002',
  otherUnpublishedCode: 'REF-FREE0003',
  discountCode: 'SUMMER-Q7K2M9',
  referrerSourceId: 'alice-referrer',
  customerSourceIds: ['bob-shopper', 'carol-friend'],
} as const;
