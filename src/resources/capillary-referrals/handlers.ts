// Capillary's v1.1 customer referrals: operationId → handler (the rules live in model.ts).

import type { Handlers } from '../../http/context.js';
import { customerReferrals, referCustomers } from './model.js';

export const capillaryReferralHandlers = {
  'capillary-refer-customer': (ctx) => ({ status: 200, body: referCustomers(ctx, ctx.body) }),
  'capillary-get-customer-referrals': (ctx) => ({ status: 200, body: customerReferrals(ctx, ctx.query) }),
} satisfies Handlers;
