// The JSON body of a plain request, read without body-parser: application/json in UTF-8, not
// compressed, of a stated length within the limit: what every SDK sends. Its chain of streams,
// content negotiation and decoders costs more than a checkout's whole discount maths; anything
// else (chunked, compressed, another charset, too large) still goes to body-parser, which answers
// it. The parse and its errors are body-parser's strict JSON mode, so an answer is the same
// whichever path read the body.

import type { IncomingMessage } from 'node:http';

const PLAIN_JSON = /^application\/json[ \t]*(?:;[ \t]*charset="?utf-8"?[ \t]*)?$/i;
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/** An error as body-parser makes it: the pipeline's error handler reads `type` and `message`. */
type BodyError = Error & { type: string; status: number };

const bodyError = (error: Error, type: string): BodyError => Object.assign(error, { type, status: 400 });

/**
 * The declared length when `req` is a request this reader takes, else undefined (body-parser reads it).
 */
export function plainJsonLength(req: IncomingMessage, limit: number): number | undefined {
  const type = req.headers['content-type'];
  if (type === undefined || !PLAIN_JSON.test(type)) return undefined;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const declared = req.headers['content-length'];
  if (declared === undefined || req.headers['transfer-encoding'] !== undefined || !/^\d+$/.test(declared)) return undefined;
  const length = Number(declared);
  return length <= limit ? length : undefined;
}

/** Reads `length` bytes of JSON from `req` and calls back with the parsed value or body-parser's error. */
export function readPlainJson(req: IncomingMessage, length: number, done: (error: Error | undefined, body?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (error: Error | undefined, body?: unknown) => {
    if (finished) return;
    finished = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('aborted', onAborted);
    req.off('error', onError);
    done(error, body);
  };
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
  };
  const onEnd = () => {
    if (received !== length) return finish(bodyError(new Error('request size did not match content length'), 'request.size.invalid'));
    const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
    let body: unknown;
    try {
      body = parseStrict(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      return finish(bodyError(error as Error, 'entity.parse.failed'));
    }
    finish(undefined, body);
  };
  const onAborted = () => finish(bodyError(new Error('request aborted'), 'request.aborted'));
  const onError = (error: Error) => finish(bodyError(error, 'request.aborted'));
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('aborted', onAborted);
  req.on('error', onError);
}

/** body-parser's strict mode: an empty body is {}, and a body must be an object or an array. */
function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  if (text[0] !== '{' && text[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1] || undefined;
    if (first !== '{' && first !== '[') throw strictViolation(text, first);
  }
  return JSON.parse(text);
}

/**
 * The SyntaxError body-parser answers for a body that is JSON but no object or array: JSON.parse's
 * own message for the text from the offending character on, as if that part were not JSON.
 */
function strictViolation(text: string, first: string | undefined): Error {
  const index = first === undefined ? -1 : text.indexOf(first);
  const partial = index === -1 ? '' : text.slice(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return new SyntaxError('strict violation');
  } catch (error) {
    const syntax = error as SyntaxError;
    syntax.message = syntax.message.replace(/#+/g, (placeholder) => text.substring(index, index + placeholder.length));
    return syntax;
  }
}
