// Qualifications: operationId → handler (the older voucher call too, described in the vouchers spec).

import { qualifications, voucherQualification, type QualificationRequest, type VoucherQualificationQuery } from '../../domain/qualifications.js';
import type { Handlers } from '../../http/context.js';

export const qualificationHandlers = {
  'check-eligibility': (ctx) => ({ status: 200, body: qualifications(ctx, (ctx.body ?? {}) as QualificationRequest) }),
  'examine-vouchers-qualification': (ctx) => ({ status: 200, body: voucherQualification(ctx, (ctx.body ?? {}) as QualificationRequest, ctx.query as VoucherQualificationQuery) }),
} satisfies Handlers;
