// Capillary's v1.1 customer referrals: operationId → handler (the rules live in model.ts).

import type { HandlerMap } from '../../http/context.js';
import { customerReferrals, referCustomers, type CustomerReferralsQuery, type ReferCustomerBody } from './model.js';

export const capillaryReferralHandlers: HandlerMap = {
  'capillary-refer-customer': (ctx) => ({ status: 200, body: referCustomers(ctx.tenant, ctx.ids, ctx.clock, ctx.body as ReferCustomerBody) }),
  'capillary-get-customer-referrals': (ctx) => ({ status: 200, body: customerReferrals(ctx.tenant, ctx.query as unknown as CustomerReferralsQuery) }),
};
