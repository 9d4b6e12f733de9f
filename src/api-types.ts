// The API's objects as the mock answers them (and as specs/ describes them), for typing test code:
// `const voucher = (await res.json()) as Voucher`. Generated from specs/ at build time
// (src/openapi/types/); ResponseBody<'get-voucher'> names the answer of any operation by its operationId.

import type { Operations } from './openapi/types/index.js';
import type { OperationId } from './openapi/operation-types.js';
import type { components as AsyncActions } from './openapi/types/voucherify-async-actions.js';
import type { components as Campaigns } from './openapi/types/voucherify-campaigns.js';
import type { components as Customers } from './openapi/types/voucherify-customers.js';
import type { components as Loyalties } from './openapi/types/voucherify-loyalties.js';
import type { components as Orders } from './openapi/types/voucherify-orders.js';
import type { components as Publications } from './openapi/types/voucherify-publications.js';
import type { components as Redemptions } from './openapi/types/voucherify-redemptions.js';
import type { components as Referrals } from './openapi/types/voucherify-referrals.js';
import type { components as Validations } from './openapi/types/voucherify-validations.js';
import type { components as Vouchers } from './openapi/types/voucherify-vouchers.js';

export type { Operations } from './openapi/types/index.js';
export type { OperationId, RequestBody, RequestParams, RequestQuery } from './openapi/operation-types.js';

/** The JSON body an operation answers with `Status` (200 unless named), e.g. ResponseBody<'create-customer'>. */
export type ResponseBody<Id extends OperationId, Status extends number = 200> = Operations[Id] extends { responses: infer Responses }
  ? Status extends keyof Responses
    ? Responses[Status] extends { content: { 'application/json': infer Body } }
      ? Body
      : undefined
    : never
  : never;

export type Voucher = Vouchers['schemas']['Voucher'];
export type VoucherList = Vouchers['schemas']['VouchersList'];
export type VoucherTransaction = Vouchers['schemas']['VoucherTransaction'];
export type VoucherTransactionList = Vouchers['schemas']['VoucherTransactionsList'];

export type Customer = Customers['schemas']['Customer'];
export type CustomerList = Customers['schemas']['CustomersList'];
export type CustomerSummary = Customers['schemas']['CustomerSummary'];

export type Campaign = Campaigns['schemas']['Campaign'];
export type CampaignList = Campaigns['schemas']['CampaignList'];

export type Order = Orders['schemas']['Order'];
export type OrderList = Orders['schemas']['OrderList'];

export type Redemption = Redemptions['schemas']['Redemption'];
export type RedemptionRollback = Redemptions['schemas']['Rollback'];
export type StackedRedemption = Redemptions['schemas']['StackRedemption'];
export type StackedRollback = Redemptions['schemas']['StackRollback'];
export type RedemptionList = Redemptions['schemas']['RedemptionList'];

export type Validation = Validations['schemas']['VoucherValidation'];
export type StackedValidation = Validations['schemas']['StackValidation'];

export type Publication = Publications['schemas']['Publication'];
export type PublicationList = Publications['schemas']['PublicationList'];

export type LoyaltyProgram = Loyalties['schemas']['LoyaltyProgram'];
export type LoyaltyCard = Loyalties['schemas']['LoyaltyCard'];
export type LoyaltyBalance = Loyalties['schemas']['Balance'];

export type ReferralHolder = Referrals['schemas']['RedeemableHolder'];
export type ReferralHolderList = Referrals['schemas']['RedeemableHolderList'];

export type AsyncAction = AsyncActions['schemas']['AsyncAction'];
