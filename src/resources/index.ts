// Every resource's handlers, keyed by the operationIds of specs/.

import type { HandlerMap } from '../http/context.js';
import { adminHandlers } from './admin/handlers.js';
import { asyncActionHandlers } from './async-actions/handlers.js';
import { capillaryReferralHandlers } from './capillary-referrals/handlers.js';
import { campaignHandlers } from './campaigns/handlers.js';
import { customerHandlers } from './customers/handlers.js';
import { loyaltyHandlers } from './loyalties/handlers.js';
import { publicationHandlers } from './publications/handlers.js';
import { referralHandlers } from './referrals/handlers.js';
import { voucherHandlers } from './vouchers/handlers.js';

export const handlers: HandlerMap = {
  ...adminHandlers,
  ...asyncActionHandlers,
  ...campaignHandlers,
  ...capillaryReferralHandlers,
  ...customerHandlers,
  ...loyaltyHandlers,
  ...publicationHandlers,
  ...referralHandlers,
  ...voucherHandlers,
};
