// campaigns: operationId → handler.

import type { HandlerMap } from '../../http/context.js';

export const campaignHandlers: HandlerMap = {};
