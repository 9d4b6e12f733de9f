// Request bodies: JSON (json-body.ts, else express.json) for every operation, and multipart/form-data for the CSV
// imports (POST /v1/products/importCSV, /v1/skus/importCSV). A multipart body is read whole (within
// the body limit, as JSON bodies are) and becomes a plain object of its parts, each part's text
// under its name: { file: "name,source_id\n…" }, which the operation's schema then validates.
// No library: the imports need the text of a few parts, not streaming to disk.

import express, { type Request, type RequestHandler } from 'express';
import { invalidPayload } from '../errors.js';
import { sizeInBytes } from '../option-values.js';
import { plainJsonLength, readPlainJson } from './json-body.js';

const MULTIPART = /^multipart\/form-data/i;

/** Whether the request says its body is multipart/form-data (asked of every request with a body: no string is made). */
export const isMultipart = (req: Request): boolean => {
  const type = req.headers['content-type'];
  return type !== undefined && MULTIPART.test(type);
};

const FORM = /^application\/x-www-form-urlencoded/i;

/** Whether the request says its body is application/x-www-form-urlencoded (as OAuth token requests are). */
export const isForm = (req: Request): boolean => {
  const type = req.headers['content-type'];
  return type !== undefined && FORM.test(type);
};

/**
 * The body parser the pipeline runs: plain JSON read directly (json-body.ts), multipart/form-data
 * read into its parts, a URL-encoded form into its fields (flat strings), anything else by
 * express.json.
 */
export function parseBody(limit: string): RequestHandler {
  // Not strict: a body that is valid JSON but no object or array (5, "text", null) reaches the
  // validation, which names what the operation takes instead of calling it invalid JSON.
  const parseJson = express.json({ limit, strict: false });
  const parseForm = express.urlencoded({ limit, extended: false });
  const readRaw = express.raw({ type: () => true, limit });
  const limitBytes = sizeInBytes(limit);
  return (req, res, next) => {
    const plain = plainJsonLength(req, limitBytes);
    if (plain !== undefined) {
      return readPlainJson(req, plain, (error, body) => {
        if (error) return next(error);
        req.body = body;
        next();
      });
    }
    if (!isMultipart(req)) return isForm(req) ? parseForm(req, res, next) : parseJson(req, res, next);
    readRaw(req, res, (error?: unknown) => {
      if (error) return next(error);
      try {
        req.body = parseMultipart(req.body as Buffer | undefined, req.headers['content-type'] ?? '');
        next();
      } catch (failure) {
        next(failure);
      }
    });
  };
}

/** The boundary a multipart Content-Type names: `multipart/form-data; boundary=----x`. */
function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * The parts of a multipart/form-data body, each part's text (UTF-8, a leading BOM dropped) under its
 * name; the first part of a name wins. A body without a boundary, or whose parts do not close, is 400.
 */
export function parseMultipart(body: Buffer | undefined, contentType: string): Record<string, string> {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw invalidPayload('A multipart/form-data body needs a boundary in its Content-Type');
  const parts: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!body || body.length === 0) return { ...parts };
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) throw invalidPayload('The multipart/form-data body has no part');
  for (;;) {
    at += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break;
    const next = body.indexOf(delimiter, at);
    if (next < 0) throw invalidPayload('The multipart/form-data body does not end with its closing boundary');
    // A part: CRLF, headers, CRLF CRLF, content, CRLF (before the next delimiter).
    const part = body.subarray(skipLineBreak(body, at), next);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw invalidPayload('A part of the multipart/form-data body has no headers');
    const headers = part.subarray(0, split).toString('utf8');
    let content = part.subarray(split + 4);
    if (content.length >= 2 && content[content.length - 2] === 0x0d && content[content.length - 1] === 0x0a) content = content.subarray(0, content.length - 2);
    const name = /content-disposition:[^\r\n]*;\s*name="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined && !(name in parts)) parts[name] = content.toString('utf8').replace(/^\uFEFF/, '');
    at = next;
  }
  // A plain object again: the validators and handlers expect one.
  return { ...parts };
}

const skipLineBreak = (body: Buffer, at: number) => (body[at] === 0x0d && body[at + 1] === 0x0a ? at + 2 : at);
