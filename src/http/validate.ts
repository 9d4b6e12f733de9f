// Checks a request's path parameters, query and body against its operation's compiled validators.

import type { Request } from 'express';
import { invalidPayload, invalidQueryParams } from '../errors.js';
import { describeErrors, type CompiledOperation } from '../openapi/validators.js';
import { isForm, isMultipart } from './multipart.js';

export interface ValidInput {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

export function validateRequest(operation: CompiledOperation, pathParams: Record<string, string>, req: Request): ValidInput {
  const { validatePath, validateQuery, validateBody } = operation.validators();
  // Ajv coerces in place; req.query is a getter in Express 5, so work on copies.
  const params = { ...pathParams };
  if (!validatePath(params)) {
    throw invalidQueryParams(describeErrors(validatePath.errors, 'Path'));
  }
  const query = copyQuery(req.query ?? {}) as Record<string, unknown>;
  if (!validateQuery(query)) {
    throw invalidQueryParams(describeErrors(validateQuery.errors, 'Query'));
  }
  let body = req.body;
  if (validateBody && body !== undefined && isMultipart(req) !== (operation.spec.requestBody?.multipart === true)) {
    // A body of the other kind: a file upload sent as JSON lacks its parts; JSON sent as a form is no JSON.
    body = operation.spec.requestBody?.multipart ? {} : undefined;
  } else if (body !== undefined && operation.spec.requestBody?.form !== true && isForm(req)) {
    // A form sent to an operation that reads JSON only is no JSON, as before forms were read.
    body = undefined;
  }
  if (validateBody) {
    if (body === undefined) {
      if (operation.bodyRequired) throw invalidPayload('Payload must be a JSON object sent with Content-Type: application/json');
    } else if (!validateBody(body)) {
      throw invalidPayload(describeErrors(validateBody.errors, 'Payload'));
    }
  }
  return { params, query, body };
}

/** A parsed query holds only strings, arrays and plain objects; copying them by hand is far cheaper than structuredClone. */
function copyQuery(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyQuery);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = copyQuery((value as Record<string, unknown>)[key]);
    return copy;
  }
  return value;
}
