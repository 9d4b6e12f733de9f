// Turns a bundled OpenAPI 3.0 document into schemas Ajv 8 compiles as the spec means them.

export type JsonObject = Record<string, unknown>;

/**
 * Two rewrites, on a copy:
 * - `$ref: '#/components/…'` becomes `$ref: '<document>#/components/…'`, so a schema taken out
 *   of its document (a parameter's, a body's) still resolves against the document's components,
 *   which are registered in Ajv under the document's id.
 * - `nullable: true` is OpenAPI 3.0's way of allowing null. Ajv honours it only beside `type`;
 *   beside `allOf`/`oneOf`/`$ref` it is rewritten to `anyOf: [<schema>, {type: 'null'}]`.
 */
export function normaliseDocument(document: JsonObject, id: string): JsonObject {
  return rewrite(document, id) as JsonObject;
}

function rewrite(value: unknown, id: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, id));
  if (value === null || typeof value !== 'object') return value;
  const source = value as JsonObject;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(source)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#')) out[key] = `${id}${child}`;
    else if (key === 'example' || key === 'examples') out[key] = child; // data, not schema
    else out[key] = rewrite(child, id);
  }
  // Ajv's nullable also needs null among an enum's values.
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}
