// The JSON body of a plain request, read without body-parser: application/json in UTF-8, not
// compressed, of a stated length within the limit: what every SDK sends. Its chain of streams,
// content negotiation and decoders costs more than a checkout's whole discount maths; anything
// else (chunked, compressed, another charset, too large) still goes to body-parser, which answers
// it. The parse and its errors are those of body-parser as multipart.ts sets it up (not strict: any
// JSON value, for the validators to name what the operation takes), so an answer is the same
// whichever path read the body.

import type { IncomingMessage } from 'node:http';

const PLAIN_JSON = /^application\/json[ \t]*(?:;[ \t]*charset="?utf-8"?[ \t]*)?$/i;

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
      body = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
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

/** body-parser's reading, not strict: an empty body is {}, anything else must be JSON. */
function parseJson(text: string): unknown {
  return text.length === 0 ? {} : JSON.parse(text);
}
