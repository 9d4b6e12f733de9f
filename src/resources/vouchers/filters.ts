// GET /v1/vouchers?filters[field][conditions][$op]=value: Voucherify's advanced filters over the
// fields a voucher shows. The filter is compiled once per request (domain/filters.ts, as segments
// use it); a field a voucher does not have is refused rather than read as "no condition".

import { compileFilter, type RecordTest } from '../../domain/filters.js';
import { VoucherifyError, invalidQueryParams } from '../../errors.js';

/** Top-level fields a voucher list can be filtered by. */
const FIELDS = new Set([
  'id',
  'code',
  'campaign',
  'campaign_id',
  'category',
  'category_id',
  'type',
  'active',
  'is_referral_code',
  'holder_id',
  'additional_info',
  'start_date',
  'expiration_date',
  'created_at',
  'updated_at',
]);

/** Parts of a voucher whose own fields can be filtered by: metadata.tier, gift.balance, redemption.redeemed_quantity… */
const PARTS = ['metadata', 'discount', 'gift', 'loyalty_card', 'redemption', 'publish'];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function knownField(field: string): boolean {
  if (FIELDS.has(field)) return true;
  const dot = field.indexOf('.');
  return dot > 0 && dot < field.length - 1 && PARTS.includes(field.slice(0, dot));
}

/** Every field the filter (and its nested groups) names must be a voucher's. */
function checkFields(filter: Record<string, unknown>, where: string): void {
  for (const [field, value] of Object.entries(filter)) {
    if (field === 'junction') continue;
    if (isObject(value) && value.conditions === undefined && value.junction !== undefined) {
      checkFields(value, `${where}[${field}]`);
      continue;
    }
    if (!knownField(field)) {
      throw invalidQueryParams(
        `Unknown filter field ${where}[${field}]; vouchers are filtered by ${[...FIELDS].join(', ')}, or ${PARTS.map((part) => `${part}.<field>`).join(', ')}`,
      );
    }
  }
}

/** The test of one voucher the filters make, or undefined when none is given; 400 invalid_query_params for a filter that cannot be read. */
export function voucherFilter(filters: object | undefined): RecordTest | undefined {
  if (filters === undefined) return undefined;
  const filter = filters as Record<string, unknown>;
  checkFields(filter, 'filters');
  try {
    return compileFilter(filter, 'filters');
  } catch (error) {
    // compileFilter speaks of bodies; here the filter is the query's.
    if (error instanceof VoucherifyError && error.details) throw invalidQueryParams(error.details);
    throw error;
  }
}
