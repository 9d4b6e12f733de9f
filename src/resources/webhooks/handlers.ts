// The mock's webhooks (/_mock/webhooks): the calling tenant's subscriptions and what was sent to them.
// Subscriptions, events and delivery live in src/webhooks/; these handlers only answer.

import { notFound } from '../../errors.js';
import type { Handlers } from '../../http/context.js';
import { webhooksOf } from '../../webhooks/hub.js';

const list = <T>(data: T[]) => ({ object: 'list', data_ref: 'data', data, total: data.length });

// None of them touches ctx.tenant: subscriptions are kept beside the tenant's data, not in it.
export const webhookHandlers = {
  'mock-create-webhook': (ctx) => ({ status: 201, body: webhooksOf(ctx.store).subscribe(ctx.tenantId, ctx.body) }),
  'mock-list-webhooks': (ctx) => ({ status: 200, body: list(webhooksOf(ctx.store).list(ctx.tenantId)) }),
  'mock-list-webhook-deliveries': (ctx) => ({ status: 200, body: list(webhooksOf(ctx.store).deliveriesOf(ctx.tenantId)) }),
  'mock-delete-webhook': (ctx) => {
    if (!webhooksOf(ctx.store).unsubscribe(ctx.tenantId, ctx.params.webhookId)) throw notFound('webhook', ctx.params.webhookId);
    return { status: 204 };
  },
} satisfies Handlers;
