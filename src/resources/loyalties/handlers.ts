// loyalties: operationId → handler.

import type { HandlerMap } from '../../http/context.js';

export const loyaltyHandlers: HandlerMap = {};
