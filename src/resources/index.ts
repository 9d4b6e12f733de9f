// Every resource's handlers, keyed by the operationIds of specs/.

import type { HandlerMap } from '../http/context.js';
import { adminHandlers } from './admin/handlers.js';
import { customerHandlers } from './customers/handlers.js';
import { referralHandlers } from './referrals/handlers.js';
import { voucherHandlers } from './vouchers/handlers.js';

export const handlers: HandlerMap = {
  ...adminHandlers,
  ...customerHandlers,
  ...referralHandlers,
  ...voucherHandlers,
};
