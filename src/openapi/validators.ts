// Compiles, once per operation, the Ajv validators for its path parameters, query and body
// (and, in response-validation mode, for its responses), and turns Ajv's errors into
// Voucherify's wording: "Property .holders must NOT have fewer than 1 items".

import { Ajv, type ErrorObject, type FuncKeywordDefinition, type ValidateFunction } from 'ajv';
import { UNREADABLE_DATE, VOUCHERIFY_WORDED_FORMATS, addSpecFormats } from './formats.js';
import type { JsonObject } from './normalise.js';
import type { LoadedSpecs, OperationSpec, ParameterSpec } from './load.js';

/** An operation's request validators, compiled on first use (or by the warm-up) and then kept. */
export interface OperationValidators {
  validatePath: ValidateFunction;
  validateQuery: ValidateFunction;
  validateBody?: ValidateFunction;
}

export interface CompiledOperation {
  spec: OperationSpec;
  bodyRequired: boolean;
  /** The validators; the first call compiles them, every later call returns the same functions. */
  validators(): OperationValidators;
}

/** Ajv's complaints about the schemas themselves (unknown formats, ignored keywords), kept for debugging. */
export const schemaWarnings: string[] = [];

/**
 * `x-numeric-string: true`: a number sent as a string ("2") becomes the number, as Voucherify
 * accepts it (its own examples send order item quantities as strings). Used as the first member
 * of an allOf, whose members Ajv evaluates in order, so the type check that follows sees a number.
 */
const numericString: FuncKeywordDefinition = {
  keyword: 'x-numeric-string',
  schemaType: 'boolean',
  modifying: true,
  validate: (enabled: boolean, data: unknown, _schema, context) => {
    if (enabled && context?.parentData && typeof data === 'string' && /^-?\d+(\.\d+)?$/.test(data.trim())) {
      (context.parentData as Record<string | number, unknown>)[context.parentDataProperty] = Number(data);
    }
    return true;
  },
};

function createAjv(options: { coerce: boolean; allErrors: boolean }, components: LoadedSpecs['components']): Ajv {
  const ajv = new Ajv({
    strict: false,
    // The specs are checked as OpenAPI by the test suite (SwaggerParser.validate); checking every
    // schema against JSON Schema's meta-schema again at each start would double the start-up time.
    validateSchema: false,
    // Shared components become one function each instead of being inlined into every validator,
    // and codegen skips its optimisation pass: together they cut compile time (start-up) by half.
    inlineRefs: false,
    code: { optimize: false },
    allErrors: options.allErrors,
    coerceTypes: options.coerce ? 'array' : false,
    useDefaults: options.coerce,
    logger: { log: () => {}, warn: (...args: unknown[]) => schemaWarnings.push(args.join(' ')), error: (...args: unknown[]) => schemaWarnings.push(args.join(' ')) },
  });
  addSpecFormats(ajv);
  ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
  ajv.addKeyword(numericString);
  for (const [id, schemas] of components) ajv.addSchema({ $id: id, components: { schemas } }, id);
  return ajv;
}

function objectSchema(parameters: ParameterSpec[]): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const parameter of parameters) {
    properties[parameter.name] = parameter.schema;
    if (parameter.required) required.push(parameter.name);
  }
  return { type: 'object', properties, required };
}

export class Validators {
  private readonly params: Ajv;
  private readonly bodies: Ajv;
  private responsesAjv: Ajv | undefined;
  private readonly responseCache = new Map<string, ValidateFunction | null | undefined>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly specs: LoadedSpecs) {
    this.params = createAjv({ coerce: true, allErrors: false }, specs.components);
    this.bodies = createAjv({ coerce: false, allErrors: false }, specs.components);
  }

  /**
   * The operation's validators are built at most once: by the warm-up that follows start-up (see
   * compiled-specs.ts), or by the operation's first request if that comes sooner. Never per request.
   */
  compile(spec: OperationSpec): CompiledOperation {
    let compiled: OperationValidators | undefined;
    return {
      spec,
      bodyRequired: spec.requestBody?.required ?? false,
      validators: () =>
        (compiled ??= {
          validatePath: this.compileOnce(this.params, objectSchema(spec.parameters.filter((p) => p.in === 'path'))),
          validateQuery: this.compileOnce(this.params, objectSchema(spec.parameters.filter((p) => p.in === 'query'))),
          validateBody: spec.requestBody ? this.compileOnce(this.bodies, spec.requestBody.schema) : undefined,
        }),
    };
  }

  /**
   * Operations often share a schema (the referral paths exist with and without a campaign);
   * Ajv caches by object identity, so equal schemas built apart are matched here by content.
   */
  private compileOnce(ajv: Ajv, schema: JsonObject): ValidateFunction {
    const key = `${ajv === this.params ? 'p' : 'b'}:${JSON.stringify(schema)}`;
    let validate = this.compiled.get(key);
    if (!validate) this.compiled.set(key, (validate = ajv.compile(schema)));
    return validate;
  }

  /**
   * The validator for an operation's answer with this status: the status's own schema,
   * else "default", else (for errors) the document's Error schema. Null means "no body".
   * Compiled on first use: only response-validation mode (tests) pays for it.
   */
  response(spec: OperationSpec | undefined, status: number): ValidateFunction | null | undefined {
    const key = `${spec?.operationId ?? ''}:${status}`;
    if (this.responseCache.has(key)) return this.responseCache.get(key);
    this.responsesAjv ??= createAjv({ coerce: false, allErrors: true }, this.specs.components);
    let schema: JsonObject | null | undefined;
    if (spec) schema = String(status) in spec.responses ? spec.responses[String(status)] : spec.responses.default;
    if (schema === undefined && status >= 400) {
      // No operation (an unknown route): the answer is Voucherify's error object, so it is checked
      // against a Voucherify document's Error, not whichever file sorts first (capillary-… does).
      const document =
        spec?.document ?? this.specs.operations.find((op) => op.dialect === 'voucherify')?.document ?? this.specs.components.keys().next().value;
      schema = { $ref: `${document}#/components/schemas/Error` };
    }
    const compiled = schema === undefined ? undefined : schema === null ? null : this.responsesAjv.compile(schema);
    this.responseCache.set(key, compiled);
    return compiled;
  }
}

/** What an error at the top level is called: "Payload must have required property 'holders'". */
export type ErrorRoot = 'Payload' | 'Query' | 'Path' | 'Response';

/**
 * "Property .holders[0].email must be string" — Voucherify's way of naming what is wrong; with
 * `older`, as its older endpoints word it: "… should be string".
 */
export function describeError(error: ErrorObject, root: ErrorRoot, older = false): string {
  let path = '';
  for (const part of error.instancePath.split('/').slice(1)) {
    const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(name) ? `[${name}]` : `.${name}`;
  }
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
    message = `${message} [ ${allowed} ]`;
  }
  if (error.keyword === 'format' && VOUCHERIFY_WORDED_FORMATS.has((error.params as { format: string }).format)) {
    message = UNREADABLE_DATE;
  }
  if (error.keyword === 'additionalProperties') {
    message = `must NOT have additional property '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  }
  if (older) message = message.replace(/^must\b/, 'should');
  return path ? `Property ${path} ${message}` : `${root} ${message}`;
}

export function describeErrors(errors: ErrorObject[] | null | undefined, root: ErrorRoot, older = false): string {
  return (errors ?? []).map((error) => describeError(error, root, older)).join('; ') || `${root} is invalid`;
}
