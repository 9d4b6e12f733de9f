// Checks a request's path parameters, query and body against its operation's compiled validators.

import type { ValidateFunction } from 'ajv';
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
  const older = operation.spec.olderWording === true;
  // Ajv coerces in place; req.query is a getter in Express 5, so work on copies.
  const params = { ...pathParams };
  if (!validatePath(params)) {
    throw invalidQueryParams(describeErrors(validatePath.errors, 'Path', older));
  }
  const query = copyQuery(req.query ?? {}) as Record<string, unknown>;
  if (!validateQuery(query)) {
    throw invalidQueryParams(describeErrors(validateQuery.errors, 'Query', older));
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
    } else if (body === null || typeof body !== 'object') {
      // Valid JSON, but no operation takes a bare string, number, boolean or null.
      throw invalidPayload(`Payload must be a JSON ${expectedShape(validateBody)}, not ${shapeOf(body)}`);
    } else if (!validateBody(body)) {
      const errors = validateBody.errors ?? [];
      const shape = errors.find((error) => error.instancePath === '' && error.keyword === 'type');
      // An array where an object is taken (or the other way round): named as such, not field by field.
      if (shape) throw invalidPayload(`Payload must be a JSON ${String(shape.params.type)}, not ${shapeOf(body)}`);
      throw invalidPayload(describeErrors(errors, 'Payload', older));
    }
  }
  return { params, query, body };
}

/** What a JSON value is, as a message names it. */
function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The body an operation takes: an array when its schema says so, else an object. Asked only of refused bodies. */
function expectedShape(validateBody: ValidateFunction): 'array' | 'object' {
  if (validateBody({})) return 'object';
  const shape = validateBody.errors?.find((error) => error.instancePath === '' && error.keyword === 'type');
  return shape?.params.type === 'array' ? 'array' : 'object';
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
