// Voucherify's error object, and one factory per error key the mock answers with.
// Keys and messages are spelled exactly as the official API spells them
// (e.g. `holder_assignement_duplication`), because clients match on them.

export interface VoucherifyErrorBody {
  code: number;
  key: string;
  message: string;
  details?: string;
  request_id?: string;
  resource_id?: string;
  resource_type?: string;
}

export class VoucherifyError extends Error {
  readonly status: number;
  readonly key: string;
  readonly details?: string;
  readonly resourceId?: string;
  readonly resourceType?: string;

  constructor(
    status: number,
    key: string,
    message: string,
    extra: { details?: string; resourceId?: string; resourceType?: string } = {},
  ) {
    super(message);
    this.name = 'VoucherifyError';
    this.status = status;
    this.key = key;
    this.details = extra.details;
    this.resourceId = extra.resourceId;
    this.resourceType = extra.resourceType;
  }

  toBody(requestId?: string): VoucherifyErrorBody {
    const body: VoucherifyErrorBody = { code: this.status, key: this.key, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    if (requestId !== undefined) body.request_id = requestId;
    if (this.resourceId !== undefined) body.resource_id = this.resourceId;
    if (this.resourceType !== undefined) body.resource_type = this.resourceType;
    return body;
  }
}

export const invalidPayload = (details: string) =>
  new VoucherifyError(400, 'invalid_payload', 'Invalid payload', { details });

export const invalidQueryParams = (details: string) =>
  new VoucherifyError(400, 'invalid_query_params', 'Invalid query params', { details });

/** e.g. "Cannot find voucher with id REFAPI-mk"; resource_id is the identifier as the caller sent it. */
export const notFound = (resourceType: string, resourceId: string) =>
  new VoucherifyError(404, 'not_found', 'Resource not found', {
    details: `Cannot find ${resourceType} with id ${resourceId}`,
    resourceId,
    resourceType,
  });

/** A path or method that no spec in specs/ serves. */
export const routeNotFound = (method: string, path: string) =>
  new VoucherifyError(404, 'not_found', 'Resource not found', {
    details: `Cannot find route ${method} ${path}`,
  });

export const duplicateFound = (resourceType: string, resourceId: string) =>
  new VoucherifyError(409, 'duplicate_found', 'Duplicated resource found', {
    details: `Duplicated ${resourceType} exists with id ${resourceId}`,
    resourceId,
    resourceType,
  });

export const holderAssignmentDuplication = () =>
  new VoucherifyError(409, 'holder_assignement_duplication', 'Customer is already assigned to given redeemable');

export const notPublished = () =>
  new VoucherifyError(400, 'not_published', 'Voucher is not published', {
    details: 'Referral code must be first published to Referrer before assigning it to Referee',
  });

export const invalidVoucher = (details: string) =>
  new VoucherifyError(400, 'invalid_voucher', 'Invalid Voucher', { details });

export const cannotRemoveReferrer = () =>
  new VoucherifyError(403, 'forbidden', 'Can not remove assignment', {
    details: 'You can not remove Referrer assignment',
  });

export const unauthorized = () => new VoucherifyError(401, 'unauthorized', 'Unauthorized');

export const payloadTooLarge = (limit: string) =>
  new VoucherifyError(413, 'payload_too_large', 'Payload too large', {
    details: `Request body exceeds the limit of ${limit}`,
  });

/** The operation is in specs/ but mock-voucherify has no behaviour for it yet. */
export const notImplemented = (operationId: string) =>
  new VoucherifyError(501, 'not_implemented', 'Not implemented', {
    details: `Operation ${operationId} is described but not served by mock-voucherify`,
  });

export const internalError = (details: string) =>
  new VoucherifyError(500, 'internal_error', 'Internal error', { details });

/** Raised in response-validation mode when the mock's own answer breaks its spec. */
export const responseMismatch = (details: string) =>
  new VoucherifyError(500, 'response_validation_failed', 'Response does not match the spec', { details });
