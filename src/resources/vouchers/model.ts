// Vouchers: lookup by code or id.

import { notFound } from '../../errors.js';
import type { Voucher } from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';

/** Voucher by code or, failing that, by Voucherify id (v_…). */
export function findVoucher(tenant: Tenant, codeOrId: string): Voucher | undefined {
  return tenant.vouchers.findBy('code', codeOrId) ?? tenant.vouchers.get(codeOrId);
}

/** 404 names the identifier as the caller sent it: "Cannot find voucher with id REFAPI-mk". */
export function getVoucher(tenant: Tenant, codeOrId: string): Voucher {
  const voucher = findVoucher(tenant, codeOrId);
  if (!voucher) throw notFound('voucher', codeOrId);
  return voucher;
}
