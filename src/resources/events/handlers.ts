// Custom events: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { trackEvent } from './model.js';

export const eventHandlers = {
  'track-custom-event': (ctx) => ({ status: 200, body: trackEvent(ctx, ctx.body) }),
} satisfies Handlers;
