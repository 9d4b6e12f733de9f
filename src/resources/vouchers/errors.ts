// The vouchers resource's own refusals: balance changes on a card nobody holds.

import { VoucherifyError } from '../../errors.js';

/**
 * Voucherify changes a loyalty card's balance only once the card belongs to a customer. Its
 * reference names no error for this; the key and message are those it uses for a referral code
 * that has no referrer yet, the same situation: a code that must be published first.
 */
export const loyaltyCardNotPublished = (code: string) =>
  new VoucherifyError(400, 'not_published', 'Voucher is not published', {
    details: `Loyalty card ${code} must be published to a customer before its balance can be changed`,
  });
