// The registry of mock-voucherify's resources: every handler, keyed by the operationIds of specs/,
// and every collection a tenant holds. Adding a resource adds its lines here; store/ never changes.

import { binCollections } from '../domain/bin.js';
import { domainCollections } from '../domain/collections.js';
import { earningCollections } from '../domain/earning-records.js';
import { loyaltyTierCollections } from '../domain/loyalty-tiers.js';
import { pointsBucketRecords } from '../domain/points-expiration.js';
import { rewardCollections } from '../domain/reward-records.js';
import { validationDayRecords } from '../domain/validation-log.js';
import { voucherDeletionRecords } from '../domain/voucher-deletions.js';
import type { HandlerMap } from '../http/context.js';
import type { CollectionDef, Identified } from '../store/collection.js';
import { activityRecords } from '../domain/activities.js';
import { activityHandlers } from './activities/handlers.js';
import { adminHandlers } from './admin/handlers.js';
import { settleDueCards } from '../domain/loyalty-due.js';
import { asyncActionHandlers } from './async-actions/handlers.js';
import { categoryHandlers } from './categories/handlers.js';
import { clientSideHandlers } from './client-side/handlers.js';
import { capillaryReferralHandlers } from './capillary-referrals/handlers.js';
import { collections as capillaryCollections } from './capillary-referrals/collection.js';
import { campaignHandlers } from './campaigns/handlers.js';
import { campaignTemplateHandlers } from './campaign-templates/handlers.js';
import { campaignTemplateRecords } from './campaign-templates/collection.js';
import { locationHandlers } from './locations/handlers.js';
import { locationRecords } from './locations/collection.js';
import { campaignQualificationHandlers } from './campaign-qualification/handlers.js';
import { customerHandlers } from './customers/handlers.js';
import { customerBulkHandlers } from './customer-bulk/handlers.js';
import { earningRuleHandlers } from './earning-rules/handlers.js';
import { eventHandlers } from './events/handlers.js';
import { exportHandlers } from './exports/handlers.js';
import { exportRecords } from './exports/collection.js';
import { harnessHandlers } from './harness/handlers.js';
import { importHandlers } from './imports/handlers.js';
import { loyaltyHandlers } from './loyalties/handlers.js';
import { metadataSchemaHandlers } from './metadata-schemas/handlers.js';
import { metadataSchemaRecords } from '../domain/metadata-schemas.js';
import { loyaltyRewardHandlers } from './loyalty-rewards/handlers.js';
import { oauthHandlers } from './oauth/handlers.js';
import { oauthTokenRecords } from './oauth/collection.js';
import { orderHandlers } from './orders/handlers.js';
import { productCollectionHandlers } from './product-collections/handlers.js';
import { productHandlers } from './products/handlers.js';
import { promotionHandlers } from './promotions/handlers.js';
import { publicationHandlers } from './publications/handlers.js';
import { qualificationHandlers } from './qualifications/handlers.js';
import { redemptionHandlers } from './redemptions/handlers.js';
import { referralHandlers } from './referrals/handlers.js';
import { rewardHandlers } from './rewards/handlers.js';
import { segmentHandlers } from './segments/handlers.js';
import { trashBinHandlers } from './trash-bin/handlers.js';
import { validationRuleHandlers } from './validation-rules/handlers.js';
import { validationHandlers } from './validations/handlers.js';
import { voucherHandlers } from './vouchers/handlers.js';
import { voucherBulkHandlers } from './voucher-bulk/handlers.js';
import { webhookHandlers } from './webhooks/handlers.js';

export const handlers: HandlerMap = {
  ...activityHandlers,
  ...adminHandlers,
  ...asyncActionHandlers,
  ...campaignHandlers,
  ...campaignTemplateHandlers,
  ...campaignQualificationHandlers,
  ...categoryHandlers,
  ...capillaryReferralHandlers,
  ...customerHandlers,
  ...customerBulkHandlers,
  ...earningRuleHandlers,
  ...eventHandlers,
  ...exportHandlers,
  ...harnessHandlers,
  ...locationHandlers,
  ...importHandlers,
  ...loyaltyHandlers,
  ...metadataSchemaHandlers,
  ...loyaltyRewardHandlers,
  ...oauthHandlers,
  ...orderHandlers,
  ...productCollectionHandlers,
  ...productHandlers,
  ...promotionHandlers,
  ...publicationHandlers,
  ...qualificationHandlers,
  ...redemptionHandlers,
  ...referralHandlers,
  ...rewardHandlers,
  ...segmentHandlers,
  ...trashBinHandlers,
  ...validationRuleHandlers,
  ...validationHandlers,
  ...voucherHandlers,
  ...voucherBulkHandlers,
  ...webhookHandlers,
};
// Every API operation first brings the tenant's loyalty cards up to date with its clock (due pending
// points activated, passed points expired), so lists show balances as a lookup of the card would;
// a tenant without pending points or dated points pays two size checks. The mock's own operations
// (/_mock/…) and the OAuth tokens see the state as it is.
const UNSETTLED = new Set([...Object.keys(adminHandlers), ...Object.keys(harnessHandlers), ...Object.keys(oauthHandlers)]);
for (const [operationId, handler] of Object.entries(handlers)) {
  if (UNSETTLED.has(operationId)) continue;
  handlers[operationId] = (ctx) => {
    settleDueCards(ctx);
    return handler(ctx);
  };
}
/** The server-side handlers, before the client-side ones are added. */
const serverHandlers: HandlerMap = { ...handlers };
// The client-side API (/client/v1/…) answers through the server-side twins above.
Object.assign(handlers, clientSideHandlers(serverHandlers));

/**
 * The handlers with `overrides` (createApp's `handlers` option) merged over the built-in ones. The
 * client-side operations answer through the overridden server-side twins (an override of
 * redeem-voucher also answers GET /client/v1/redeem), unless they are overridden themselves.
 */
export function handlersWith(overrides: { readonly [operationId: string]: HandlerMap[string] | undefined }): HandlerMap {
  const server = { ...serverHandlers, ...overrides };
  const clientSide = clientSideHandlers(server);
  for (const operationId of Object.keys(clientSide)) if (Object.hasOwn(overrides, operationId)) delete clientSide[operationId];
  return { ...server, ...clientSide } as HandlerMap;
}

/** Every collection, in the order fixture checks run (a collection after those it references). */
export const collections = [
  ...domainCollections,
  ...earningCollections,
  ...loyaltyTierCollections,
  pointsBucketRecords,
  ...rewardCollections,
  activityRecords,
  ...capillaryCollections,
  metadataSchemaRecords,
  campaignTemplateRecords,
  locationRecords,
  exportRecords,
  oauthTokenRecords,
  ...binCollections,
  voucherDeletionRecords,
  validationDayRecords,
] as unknown as readonly CollectionDef<Identified>[];
