// The imports' refusals of a request as a whole, worded as Voucherify's reference words them.

import { VoucherifyError, invalidVoucher } from '../../errors.js';

/** An import that sends codes the tenant already has: "2 voucher codes(s) already exist." (sic). */
export const duplicateCodes = (count: number) =>
  new VoucherifyError(400, 'duplicate_key', 'Duplicate codes', { details: `${count} voucher codes(s) already exist.` });

/** An import with entries that have no code. */
export const vouchersWithoutCode = (count: number) => invalidVoucher(`Found ${count} voucher(s) without 'code' value`);
