// Reads every OpenAPI file in specs/ once and lists its operations in a form the router and validators use.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseDocument, type JsonObject } from './normalise.js';
import { cachedCopy, isSpecFile } from './spec-cache.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonObject;
}

/**
 * Whose conventions an operation follows for authentication and errors: Voucherify's, or
 * Capillary's (HTTP Basic, errors in a `response.status` envelope). A spec file picks its dialect
 * with `info.x-mock-dialect`; Voucherify's is the default.
 */
export type Dialect = 'voucherify' | 'capillary';

export interface OperationSpec {
  operationId: string;
  dialect: Dialect;
  method: HttpMethod;
  /** The path as the spec writes it: /v1/referrals/{campaignId}/members/{memberId}/holders */
  path: string;
  /** The file's id in the validators, e.g. voucherify-referrals.yaml */
  document: string;
  parameters: ParameterSpec[];
  /**
   * The body's schema; `multipart` when the operation takes multipart/form-data (a file upload)
   * instead of JSON; `form` when it also takes application/x-www-form-urlencoded (the OAuth calls).
   */
  requestBody?: { required: boolean; schema: JsonObject; multipart?: boolean; form?: boolean };
  /** True for an operation that asks for no credentials (`security: []`), e.g. GET /_mock/health. */
  anonymous?: boolean;
  /**
   * The query parameter that lets a caller in on its own, when the operation's security offers an
   * apiKey in the query: `token` for an export's download link (GET /v1/exports/{id}?token=…).
   */
  queryKey?: string;
  /**
   * True (`x-mock-older-wording: true`) for an operation whose validation errors Voucherify still
   * words as its older endpoints do: "Payload should have required property 'name'", not "must".
   */
  olderWording?: boolean;
  /** status code (or "default") → schema of the body (JSON, else text such as text/csv), or null for a body-less answer */
  responses: Record<string, JsonObject | null>;
}

export interface LoadedSpecs {
  /** document id → its components.schemas, refs already pointing at `<document>#/…` */
  components: Map<string, JsonObject>;
  operations: OperationSpec[];
}


export async function loadSpecs(dir: string): Promise<LoadedSpecs> {
  const files = readdirSync(dir).filter(isSpecFile).sort();
  if (files.length === 0) throw new Error(`mock-voucherify: no OpenAPI files in ${dir}`);
  const documents = await Promise.all(
    files.map(async (file) => {
      // Internal $refs stay references (recursive schemas never become cyclic objects). parse()
      // only reads the file; bundle() also pulls in other files' schemas, and costs three times
      // as much at start-up, so it runs only for a file that points outside itself. The build's
      // JSON copy (already bundled, and checked when it was made) is read instead of the YAML
      // while it is up to date.
      const cached = cachedCopy(dir, file);
      if (cached) return { file, document: normaliseDocument(JSON.parse(readFileSync(cached, 'utf8')) as JsonObject, file) };
      // swagger-parser is loaded only for specs without an up-to-date copy: loading it costs more
      // than reading every copy.
      const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
      const path = join(dir, file);
      let document = (await SwaggerParser.parse(path)) as unknown as JsonObject;
      if (hasExternalRefs(document)) document = (await SwaggerParser.bundle(path)) as unknown as JsonObject;
      return { file, document: normaliseDocument(document, file) };
    }),
  );
  const components = new Map<string, JsonObject>();
  const operations: OperationSpec[] = [];
  const seenIds = new Map<string, string>();
  for (const { file, document } of documents) {
    components.set(file, ((document.components as JsonObject | undefined)?.schemas as JsonObject) ?? {});
    for (const operation of listOperations(document, file)) {
      const other = seenIds.get(operation.operationId);
      if (other) throw new Error(`mock-voucherify: operationId ${operation.operationId} is in both ${other} and ${file}`);
      seenIds.set(operation.operationId, file);
      operations.push(operation);
    }
  }
  return { components, operations };
}

function hasExternalRefs(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasExternalRefs);
  if (value === null || typeof value !== 'object') return false;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) return true;
    if (key !== 'example' && key !== 'examples' && hasExternalRefs(child)) return true;
  }
  return false;
}

function listOperations(document: JsonObject, file: string): OperationSpec[] {
  const out: OperationSpec[] = [];
  const dialect: Dialect = (document.info as JsonObject | undefined)?.['x-mock-dialect'] === 'capillary' ? 'capillary' : 'voucherify';
  const paths = (document.paths ?? {}) as Record<string, JsonObject>;
  for (const [path, item] of Object.entries(paths)) {
    const shared = (item.parameters ?? []) as JsonObject[];
    for (const method of HTTP_METHODS) {
      const operation = item[method] as JsonObject | undefined;
      if (!operation) continue;
      const operationId = operation.operationId as string | undefined;
      if (!operationId) throw new Error(`mock-voucherify: ${file} ${method.toUpperCase()} ${path} has no operationId`);
      out.push({
        operationId,
        dialect,
        method,
        path,
        document: file,
        parameters: mergeParameters(document, shared, (operation.parameters ?? []) as JsonObject[]),
        requestBody: requestBodyOf(document, operation),
        responses: responsesOf(document, operation),
        ...(Array.isArray(operation.security) && operation.security.length === 0 ? { anonymous: true } : {}),
        ...queryKeyOf(document, operation),
        ...(operation['x-mock-older-wording'] === true ? { olderWording: true } : {}),
      });
    }
  }
  return out;
}

/** `{ queryKey }` when one of the operation's ways in is an apiKey sent in the query, else nothing. */
function queryKeyOf(document: JsonObject, operation: JsonObject): { queryKey?: string } {
  const schemes = ((document.components as JsonObject | undefined)?.securitySchemes ?? {}) as Record<string, JsonObject>;
  for (const requirement of (operation.security ?? []) as JsonObject[]) {
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name];
      if (scheme?.type === 'apiKey' && scheme.in === 'query' && typeof scheme.name === 'string') return { queryKey: scheme.name };
    }
  }
  return {};
}

/** Follows a local `<document>#/a/b` reference inside the same document. */
function deref(document: JsonObject, value: JsonObject): JsonObject {
  let current = value;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops++) {
    const pointer = (current.$ref as string).split('#')[1] ?? '';
    let target: unknown = document;
    for (const part of pointer.split('/').slice(1)) {
      target = (target as JsonObject)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    current = target as JsonObject;
  }
  return current;
}

function mergeParameters(document: JsonObject, shared: JsonObject[], own: JsonObject[]): ParameterSpec[] {
  const byKey = new Map<string, ParameterSpec>();
  for (const raw of [...shared, ...own]) {
    const parameter = deref(document, raw);
    const spec: ParameterSpec = {
      name: parameter.name as string,
      in: parameter.in as ParameterSpec['in'],
      required: parameter.in === 'path' || parameter.required === true,
      schema: (parameter.schema as JsonObject) ?? {},
    };
    byKey.set(`${spec.in}:${spec.name}`, spec);
  }
  return [...byKey.values()];
}

function requestBodyOf(document: JsonObject, operation: JsonObject): OperationSpec['requestBody'] {
  if (!operation.requestBody) return undefined;
  const body = deref(document, operation.requestBody as JsonObject);
  const content = (body.content ?? {}) as Record<string, JsonObject>;
  const json = content['application/json'];
  const form = content['application/x-www-form-urlencoded'] ? { form: true } : {};
  if (json) return { required: body.required === true, schema: (json.schema as JsonObject) ?? {}, ...form };
  const upload = content['multipart/form-data'];
  if (!upload) return undefined;
  return { required: body.required === true, schema: (upload.schema as JsonObject) ?? {}, multipart: true };
}

function responsesOf(document: JsonObject, operation: JsonObject): OperationSpec['responses'] {
  const out: OperationSpec['responses'] = {};
  for (const [status, raw] of Object.entries((operation.responses ?? {}) as Record<string, JsonObject>)) {
    const response = deref(document, raw);
    const content = (response.content ?? {}) as Record<string, JsonObject>;
    // A text answer (an export's CSV) is described by the schema of its text content.
    const body = content['application/json'] ?? Object.entries(content).find(([type]) => type.startsWith('text/'))?.[1];
    out[status] = body ? ((body.schema as JsonObject) ?? {}) : null;
  }
  return out;
}
