// The logic of scripts/check-against-reference.mjs, kept apart so test/ can check it on small
// inline schemas: load Voucherify's published OpenAPI files, compile the response schema of an
// (operationId, status), check recorded answers against it and group what does not fit.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats ship CommonJS: their default export may arrive wrapped.
const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * A copy of an OpenAPI 3.0 schema (or of a whole document) that Ajv reads as OpenAPI means it:
 * - `nullable: true` beside `type` is left to Ajv, which knows it there, and null is added to an
 *   `enum` (Ajv checks the enum even for null);
 * - `nullable: true` without `type` (beside `$ref`, `allOf`, `oneOf`…) becomes
 *   `anyOf: [<the schema>, {type: 'null'}]`, since Ajv refuses it there;
 * - a local `$ref: '#/…'` becomes `<documentId>#/…` when a document id is given, so a schema
 *   compiled on its own still resolves against the document it came from;
 * - `example`/`examples` are data, copied untouched.
 * With `anyNull`, the lenient reading the mismatches are found with: every typed schema also
 * accepts null (the reference leaves `nullable` out of many fields its own examples show null
 * in), and a oneOf is read as anyOf (many of its oneOfs have branches that overlap, so a fitting
 * answer fits two). Either would otherwise fail a whole branch and hide what else does not fit.
 * Nulls are then looked for apart, with the schemas as written.
 */
export function forAjv(value, documentId, anyNull = false) {
  if (Array.isArray(value)) return value.map((item) => forAjv(item, documentId, anyNull));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#') && documentId) out[key] = `${documentId}${child}`;
    else if (key === 'example' || key === 'examples') out[key] = child;
    else out[key] = forAjv(child, documentId, anyNull);
  }
  if (anyNull && typeof out.type === 'string' && out.type !== 'null') out.nullable = true;
  if (anyNull && Array.isArray(out.oneOf)) {
    const branches = out.oneOf;
    delete out.oneOf;
    if (out.anyOf) out.allOf = [...(out.allOf ?? []), { anyOf: branches }];
    else out.anyOf = branches;
  }
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** An Ajv that checks answers: every mismatch reported, OpenAPI's extra keywords tolerated. */
export function createAjv() {
  // verbose: an error carries the data it is about, so a null where the schema wants a type is told apart.
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false, validateSchema: false });
  addFormats(ajv);
  // Voucherify writes times of day as "10:00" or "10:00:00", without a zone; ajv-formats wants one.
  ajv.addFormat('time', /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i);
  for (const format of ['binary', 'float', 'distance', 'geojson']) ajv.addFormat(format, true);
  return ajv;
}

/** JSON Pointer escaping of one path segment. */
const pointer = (segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every operation of the reference folder by operationId: { file, method, path, responses },
 * where each response is { status, schemaRef } (schemaRef undefined when it describes no JSON
 * body). The files are bundled with swagger-parser (external $refs pulled in) but not
 * dereferenced: loyalties-v2's schemas refer to themselves, which a dereferenced object cannot
 * give Ajv; each document is registered whole instead, and schemas point into it.
 */
export async function loadReference(folder) {
  const documents = [];
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
    documents.push({ file, document: await SwaggerParser.bundle(join(folder, file)) });
  }
  return referenceOf(documents);
}

/** The reference made of already loaded documents ({ file, document }): what loadReference returns. */
export function referenceOf(documents) {
  // Two Ajvs: one whose schemas take null anywhere (mismatches), one with the schemas as written (nulls).
  const ajv = createAjv();
  const strictAjv = createAjv();
  const operations = new Map();
  const duplicates = [];
  for (const { file, document } of documents) {
    registerDocument(ajv, file, document, true);
    registerDocument(strictAjv, file, document);
    const errorRef = document.components?.schemas?.Error ? `${file}#/components/schemas/Error` : undefined;
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation?.operationId) continue;
        if (operations.has(operation.operationId)) {
          duplicates.push(`${operation.operationId} (${file}, also in ${operations.get(operation.operationId).file})`);
          continue;
        }
        operations.set(operation.operationId, {
          file,
          method: method.toUpperCase(),
          path,
          errorRef,
          responses: responsesOf(document, file, ['paths', path, method, 'responses'], operation.responses ?? {}),
        });
      }
    }
  }
  return { ajv, strictAjv, operations, duplicates };
}

/** Adds one OpenAPI document to Ajv under `id`, its schemas made Ajv-ready. */
export function registerDocument(ajv, id, document, anyNull = false) {
  ajv.addSchema(forAjv(document, id, anyNull), id);
}

function responsesOf(document, file, at, responses) {
  const out = new Map();
  for (const [status, declared] of Object.entries(responses)) {
    let response = declared;
    let where = [...at, status];
    // A response may itself be a $ref to #/components/responses/….
    if (typeof response?.$ref === 'string' && response.$ref.startsWith('#/')) {
      where = response.$ref.slice(2).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
      response = where.reduce((node, segment) => node?.[segment], document);
    }
    const contentType = Object.keys(response?.content ?? {}).find((type) => /json/i.test(type));
    const content = contentType ? response.content[contentType] : undefined;
    const schemaRef = content?.schema ? `${file}#/${[...where, 'content', contentType, 'schema'].map(pointer).join('/')}` : undefined;
    const examples = [...(content?.example !== undefined ? [content.example] : []), ...Object.values(content?.examples ?? {}).map((example) => example?.value)];
    out.set(status, { status, schemaRef, contentTypes: Object.keys(response?.content ?? {}), examples: exampleValues(examples) });
  }
  return out;
}

/** Every value the examples hold, by (folded) path: what the reference itself shows at each place. */
export function exampleValues(examples) {
  const values = new Map();
  const walk = (value, path) => {
    values.set(path, [...(values.get(path) ?? []), value]);
    if (Array.isArray(value)) value.forEach((item) => walk(item, `${path}/*`));
    else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) walk(child, `${path}/${pointer(key)}`);
  };
  for (const example of examples) if (example !== undefined) walk(example, '');
  return values;
}

const kindOf = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * True when the reference's own examples break the schema the same way at the same place: an
 * object there without the missing property, a value outside the enum equal to the answer's, a
 * value of the answer's kind where the schema wants another, the same extra property. Then the
 * schema, not the answer, is the likelier one to be wrong.
 */
export function examplesAgree(error, path, values) {
  const seen = values.get(path) ?? [];
  switch (error.keyword) {
    case 'required':
      return seen.some((value) => isObject(value) && !(error.params.missingProperty in value));
    case 'enum':
    case 'const':
      return seen.some((value) => JSON.stringify(value) === JSON.stringify(error.data));
    case 'type':
      return seen.some((value) => kindOf(value) === kindOf(error.data) || (kindOf(value) === 'integer' && kindOf(error.data) === 'number'));
    case 'additionalProperties':
      return seen.some((value) => isObject(value) && error.params.additionalProperty in value);
    default:
      return false;
  }
}

/** The reference's response for a status: the exact one, else 4XX-style ranges, else `default`. */
export function responseFor(operation, status) {
  const responses = operation.responses;
  return responses.get(String(status)) ?? responses.get(`${String(status)[0]}XX`) ?? responses.get(`${String(status)[0]}xx`) ?? responses.get('default');
}

/** An instance path with its array indices folded, so one mismatch in every item of a list counts once: /vouchers/3/id → /vouchers/*\/id. */
export const foldPath = (instancePath) => instancePath.replace(/\/\d+(?=\/|$)/g, '/*');

/**
 * Checks recorded answers ({ operationId, method, path, status, body }) against the reference.
 * Returns, by operationId: answers seen, statuses seen, mismatches (deduplicated by status,
 * folded instance path, schema path and message, with a count) and statuses the reference does
 * not document; answers of operations the reference does not have are counted apart.
 */
export function checkAnswers(reference, answers) {
  const { ajv, strictAjv, operations } = reference;
  const compiled = new Map();
  const validatorFor = (schemaRef) => {
    if (!compiled.has(schemaRef)) compiled.set(schemaRef, { lenient: ajv.compile({ $ref: schemaRef }), strict: strictAjv.compile({ $ref: schemaRef }) });
    return compiled.get(schemaRef);
  };
  const byOperation = new Map();
  const notInReference = new Map();
  for (const answer of answers) {
    const operation = answer.operationId ? operations.get(answer.operationId) : undefined;
    if (!operation) {
      const key = answer.operationId ?? `(no operation) ${answer.method} ${answer.status}`;
      notInReference.set(key, (notInReference.get(key) ?? 0) + 1);
      continue;
    }
    let entry = byOperation.get(answer.operationId);
    if (!entry) {
      entry = { operationId: answer.operationId, method: operation.method, path: operation.path, answers: 0, statuses: new Map(), mismatches: new Map(), nulls: new Map(), undocumented: new Map() };
      byOperation.set(answer.operationId, entry);
    }
    entry.answers += 1;
    entry.statuses.set(answer.status, (entry.statuses.get(answer.status) ?? 0) + 1);
    const response = responseFor(operation, answer.status);
    if (!response) {
      entry.undocumented.set(answer.status, (entry.undocumented.get(answer.status) ?? 0) + 1);
      // An error the operation does not list is still checked against the reference's error object.
      if (answer.status >= 400 && operation.errorRef) checkBody(entry, answer, validatorFor(operation.errorRef), new Map());
      continue;
    }
    if (!response.schemaRef) {
      if (answer.body !== undefined && answer.body !== null && response.contentTypes.length === 0)
        count(entry.mismatches, { status: answer.status, path: '', schemaPath: '', message: 'the reference describes no body, but one was sent' });
      continue;
    }
    checkBody(entry, answer, validatorFor(response.schemaRef), response.examples);
  }
  return { byOperation, notInReference };
}

/**
 * Validates one answer's body: what does not fit even with null allowed anywhere goes to
 * `mismatches`; a null where a schema as written names a type (or an enum) without `nullable`
 * goes to `nulls`. `shown` tells whether the reference's own examples do the same (see examplesAgree).
 */
function checkBody(entry, answer, validators, examples) {
  if (!validators.lenient(answer.body)) {
    for (const error of validators.lenient.errors ?? []) {
      if (isNullWrapping(error)) continue;
      // The wrapper's own step (anyOf/0) is left out of the schema path: it is not in the reference.
      const path = foldPath(error.instancePath);
      count(entry.mismatches, { status: answer.status, path, schemaPath: error.schemaPath.replace(/\/anyOf\/0(?=\/)/g, ''), message: messageOf(error), shown: examplesAgree(error, path, examples) });
    }
  }
  if (validators.strict(answer.body)) return;
  for (const error of validators.strict.errors ?? []) {
    if (error.data !== null || (error.keyword !== 'type' && error.keyword !== 'enum')) continue;
    const path = foldPath(error.instancePath);
    count(entry.nulls, { status: answer.status, path, schemaPath: '', message: 'null where the schema has no nullable', shown: (examples.get(path) ?? []).includes(null) });
  }
}

/** The errors the null-taking wrapper (anyOf [schema, {type: null}]) adds beside the schema's own. */
function isNullWrapping(error) {
  if (error.keyword === 'type' && error.params.type === 'null') return true;
  const wrapper = error.keyword === 'anyOf' ? error.schema : undefined;
  return Array.isArray(wrapper) && wrapper.length === 2 && wrapper[1]?.type === 'null';
}

function messageOf(error) {
  // Several branches of a oneOf fitting is the reference's own ambiguity, not a wrong answer.
  if (error.keyword === 'oneOf' && Array.isArray(error.params.passingSchemas)) return `fits more than one schema of a oneOf (branches ${error.params.passingSchemas.join(', ')})`;
  if (error.keyword === 'anyOf') return 'fits none of the schemas of a oneOf/anyOf';
  if (error.keyword === 'enum') return `${error.message}: ${JSON.stringify(error.params.allowedValues.filter((value) => value !== null))}`;
  if (error.keyword === 'additionalProperties') return `${error.message}: ${error.params.additionalProperty}`;
  return error.message ?? error.keyword;
}

function count(map, mismatch) {
  const key = `${mismatch.status}\u0000${mismatch.path}\u0000${mismatch.schemaPath}\u0000${mismatch.message}\u0000${mismatch.shown === true}`;
  const seen = map.get(key);
  if (seen) seen.count += 1;
  else map.set(key, { ...mismatch, count: 1 });
}

/**
 * The report as text: operations with mismatches, nulls the schemas do not allow (apart: mostly
 * the reference's omission), answers with a status the reference does not document (error
 * statuses grouped, their bodies checked against its Error object) and operations served by the
 * mock (`served`: operationIds) that the reference has but no answer was recorded for.
 */
export function formatReport(result, reference, served = []) {
  const lines = [];
  const entries = [...result.byOperation.values()].sort((a, b) => a.operationId.localeCompare(b.operationId));
  const failing = entries.filter((entry) => entry.mismatches.size > 0);
  const nulls = entries.filter((entry) => entry.nulls.size > 0);
  const undocumented = entries.filter((entry) => entry.undocumented.size > 0);
  const unrecorded = served.filter((operationId) => reference.operations.has(operationId) && !result.byOperation.has(operationId)).sort();
  const answers = entries.reduce((sum, entry) => sum + entry.answers, 0);
  lines.push(
    `${answers} answers of ${entries.length} operations checked: ${failing.length} operations with mismatches, ${nulls.length} with nulls the schema does not allow, ` +
      `${undocumented.length} with statuses the reference does not document, ${unrecorded.length} served operations without a recorded answer.`,
  );
  const statusesOf = (map) => [...map].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
  if (failing.length) lines.push('', '## Mismatches');
  for (const entry of failing) {
    lines.push('', `${entry.operationId}  ${entry.method} ${entry.path}  (${entry.answers} answers: ${statusesOf(entry.statuses)})`);
    const mismatches = [...entry.mismatches.values()].sort((a, b) => a.status - b.status || b.count - a.count || a.path.localeCompare(b.path));
    for (const m of mismatches) lines.push(`  ${m.status} ${m.path || '/'}: ${m.message}  [${m.schemaPath}] ×${m.count}${m.shown ? "  (the reference's own examples do the same)" : ''}`);
  }
  if (nulls.length) lines.push('', "## Nulls where the reference's schema has no nullable (+ the reference's own examples show null there, - they do not)");
  for (const entry of nulls) {
    const items = [...entry.nulls.values()].sort((a, b) => a.status - b.status || a.path.localeCompare(b.path));
    lines.push(`  ${entry.operationId}: ${items.map((n) => `${n.shown ? '+' : '-'}${n.status === 200 ? '' : `${n.status} `}${n.path || '/'}`).join(' ')}`);
  }
  if (undocumented.length) lines.push('', '## Statuses the reference does not document');
  const errorStatuses = new Map();
  for (const entry of undocumented) {
    for (const status of entry.undocumented.keys()) if (status >= 400) errorStatuses.set(status, [...(errorStatuses.get(status) ?? []), entry.operationId]);
    const others = new Map([...entry.undocumented].filter(([status]) => status < 400));
    if (others.size) lines.push(`  ${entry.operationId}  ${entry.method} ${entry.path}: ${statusesOf(others)}`);
  }
  for (const [status, operationIds] of [...errorStatuses].sort(([a], [b]) => a - b)) {
    const names = operationIds.length > 8 ? `${operationIds.slice(0, 8).join(', ')}, …` : operationIds.join(', ');
    lines.push(`  ${status} (body checked against the reference's Error object): ${operationIds.length} operations — ${names}`);
  }
  if (unrecorded.length) lines.push('', '## Served operations without a recorded answer');
  for (const operationId of unrecorded) {
    const operation = reference.operations.get(operationId);
    lines.push(`  ${operationId}  ${operation.method} ${operation.path}`);
  }
  if (result.notInReference.size) {
    const total = [...result.notInReference.values()].reduce((sum, n) => sum + n, 0);
    lines.push('', `(${total} answers of ${result.notInReference.size} operations that are not Voucherify's — /_mock/, Capillary, unmatched paths — were not checked.)`);
  }
  if (reference.duplicates?.length) lines.push('', `operationIds the reference uses twice (the first is checked): ${reference.duplicates.join(', ')}`);
  return lines.join('\n');
}
