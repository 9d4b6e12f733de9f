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
  /** With resource_in_use: the records still using the resource, and their type. */
  related_object_ids?: string[];
  related_object_type?: string;
}

/** The optional parts of an error beside status, key and message. */
export interface VoucherifyErrorExtra {
  details?: string;
  resourceId?: string;
  resourceType?: string;
  relatedObjectIds?: readonly string[];
  relatedObjectType?: string;
}

export class VoucherifyError extends Error {
  readonly status: number;
  readonly key: string;
  readonly details?: string;
  readonly resourceId?: string;
  readonly resourceType?: string;
  readonly relatedObjectIds?: readonly string[];
  readonly relatedObjectType?: string;

  constructor(status: number, key: string, message: string, extra: VoucherifyErrorExtra = {}) {
    super(message);
    this.name = 'VoucherifyError';
    this.status = status;
    this.key = key;
    this.details = extra.details;
    this.resourceId = extra.resourceId;
    this.resourceType = extra.resourceType;
    this.relatedObjectIds = extra.relatedObjectIds;
    this.relatedObjectType = extra.relatedObjectType;
  }

  toBody(requestId?: string): VoucherifyErrorBody {
    const body: VoucherifyErrorBody = { code: this.status, key: this.key, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    if (requestId !== undefined) body.request_id = requestId;
    if (this.resourceId !== undefined) body.resource_id = this.resourceId;
    if (this.resourceType !== undefined) body.resource_type = this.resourceType;
    if (this.relatedObjectIds !== undefined) body.related_object_ids = [...this.relatedObjectIds];
    if (this.relatedObjectType !== undefined) body.related_object_type = this.relatedObjectType;
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

/**
 * A delete refused because other records still use the resource. Voucherify's details name the
 * users' type with an "s" appended to it, whatever it already ends with: "… is in use by
 * validation_ruless with ids [val_…]", "… by reward_assignments with ids [rewa_…]".
 */
export const resourceInUse = (resourceType: string, resourceId: string, relatedObjectType: string, relatedObjectIds: readonly string[]) =>
  new VoucherifyError(400, 'resource_in_use', 'Resource in use', {
    details: `Resource ${resourceType} with id ${resourceId} is in use by ${relatedObjectType}s with ids [${relatedObjectIds.join(', ')}]`,
    relatedObjectIds,
    relatedObjectType,
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

/** A JSON body that nests more containers than the mock reads (see http/body-depth.ts). */
export const payloadTooDeep = (limit: number) => invalidPayload(`The body is nested deeper than ${limit} levels`);

export const payloadTooLarge = (limit: string) =>
  new VoucherifyError(413, 'payload_too_large', 'Payload too large', {
    details: `Request body exceeds the limit of ${limit}`,
  });

/** The operation is in specs/ but mock-voucherify has no behaviour for it yet. */
export const notImplemented = (operationId: string) =>
  new VoucherifyError(501, 'not_implemented', 'Not implemented', {
    details: `Operation ${operationId} is described but not served by mock-voucherify`,
  });

/** A request the HTTP layer itself refused, e.g. a path with broken percent-encoding ("%E2%82"). */
export const invalidRequest = (status: number, details: string) => new VoucherifyError(status, 'invalid_request', 'Invalid request', { details });

/** A request line and headers over Node's limit (16 KiB unless --max-http-header-size says otherwise). */
export const requestHeadersTooLarge = (limit: number) =>
  new VoucherifyError(431, 'request_header_fields_too_large', 'Request header fields too large', {
    details: `The request line and headers exceed the limit of ${limit} bytes`,
  });

/** A request that did not arrive whole within the server's requestTimeout. */
export const requestTimeout = () =>
  new VoucherifyError(408, 'request_timeout', 'Request timeout', { details: 'The request was not received in time' });

export const internalError = (details: string) =>
  new VoucherifyError(500, 'internal_error', 'Internal error', { details });

/** Raised in response-validation mode when the mock's own answer breaks its spec. */
export const responseMismatch = (details: string) =>
  new VoucherifyError(500, 'response_validation_failed', 'Response does not match the spec', { details });

/** Campaigns are unique by name: "Duplicated campaign exists with name Summer Sale". */
export const duplicateName = (resourceType: string, name: string) =>
  new VoucherifyError(409, 'duplicate_found', 'Duplicated resource found', {
    details: `Duplicated ${resourceType} exists with name ${name}`,
    resourceId: name,
    resourceType,
  });

export const invalidCampaign = (details: string) => new VoucherifyError(400, 'invalid_campaign', 'Invalid Campaign', { details });

/** Every code a code_config can make is taken in the tenant. */
export const codeConfigExhausted = (possibleCodes: number) =>
  new VoucherifyError(400, 'invalid_code_config', 'Invalid code config', {
    details: `No unused code is left for the code config (${possibleCodes} possible codes)`,
  });

// Publications, with keys, messages and details as Voucherify's publication errors spell them.
export const voucherAlreadyPublished = (voucherId: string) =>
  new VoucherifyError(400, 'voucher_already_published', 'Voucher already published', {
    details: `Voucher '${voucherId}' has already been published`,
  });

export const missingVouchers = () =>
  new VoucherifyError(400, 'missing_vouchers', 'Missing vouchers', { details: 'Either Campaign or Voucher is required' });

export const noVoucherSuitableForPublication = () =>
  new VoucherifyError(400, 'no_voucher_suitable_for_publication', "Couldn't find any voucher suitable for publication", {
    details: "Couldn't create new vouchers for publication",
  });

export const duplicateSourceId = (sourceId: string) =>
  new VoucherifyError(400, 'duplicate_source_id', 'Duplicate source_id', {
    details: `Publication with source_id: '${sourceId}' already exists`,
  });

/** A customer who already holds a code of a join-once campaign (every loyalty program is one). */
export const customerAlreadyJoined = () =>
  new VoucherifyError(400, 'voucher_cannot_be_published', 'Voucher cannot be published', {
    details: 'Voucher cannot be published. Customer already joined program.',
  });

export const tooManyVouchersRequested = (max: number) =>
  new VoucherifyError(400, 'too_many_vouchers_requested', 'Too many vouchers requested', {
    details: `Only up to ${max} can be published`,
  });

export const pageOverLimit = () =>
  new VoucherifyError(400, 'page_over_limit', 'Listing resource above 1000 page is not supported', {
    details: 'Property .page cannot be higher than 1000',
  });

/**
 * The v1 loyalty API documents no error for taking more points than a card has; the key and
 * wording are Voucherify's own for the same case in its loyalty v2 API (there with status 423).
 */
export const insufficientCardBalance = () =>
  new VoucherifyError(400, 'insufficient_card_balance', 'Insufficient card balance', {
    details: 'Operation exceeds the available card balance',
  });

export const invalidExpirationDate = () =>
  new VoucherifyError(400, 'invalid_expiration_date', 'Invalid Expiration Date', { details: 'Expiration date cannot be set in the past' });

