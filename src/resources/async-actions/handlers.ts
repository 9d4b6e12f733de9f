// async-actions: operationId → handler.

import type { HandlerMap } from '../../http/context.js';

export const asyncActionHandlers: HandlerMap = {};
