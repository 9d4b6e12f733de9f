// Qualifications: operationId → handler.

import { qualifications, type QualificationRequest } from '../../domain/qualifications.js';
import type { Handlers } from '../../http/context.js';

export const qualificationHandlers = {
  'check-eligibility': (ctx) => ({ status: 200, body: qualifications(ctx, (ctx.body ?? {}) as QualificationRequest) }),
} satisfies Handlers;
