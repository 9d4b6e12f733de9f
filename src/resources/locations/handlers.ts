// Locations: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { getLocation, listLocations } from './model.js';

export const locationHandlers = {
  'list-locations': (ctx) => ({ status: 200, body: listLocations(ctx, ctx.query) }),
  'get-location': (ctx) => ({ status: 200, body: getLocation(ctx, ctx.params.locationId) }),
} satisfies Handlers;
