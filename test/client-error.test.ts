// Requests Node's HTTP parser refuses before the app sees them, sent over raw sockets to a real
// server: each gets a whole HTTP/1.1 answer in Voucherify's error shape, with a request id, and the
// connection closes. Then the cases a live socket cannot stage (a peer gone, an answer under way).

import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { answerClientError } from '../src/http/client-error.js';
import { createIdGenerator, startServer, type RunningServer } from '../src/index.js';

interface RawAnswer {
  statusLine: string;
  headers: Record<string, string>;
  body: string;
}

/** Writes `bytes` to the server, reads until it closes the connection, and splits the answer. */
function exchange(server: RunningServer, bytes: Buffer | string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error('the server kept the connection open')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = (end < 0 ? text : text.slice(0, end)).split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ statusLine, headers, body: end < 0 ? '' : text.slice(end + 4) });
    });
    socket.write(bytes);
  });
}

const credentials = 'X-App-Id: raw\r\nX-App-Token: t\r\n';
const request = (line: string, extraHeaders = '') => `${line}\r\nHost: localhost\r\n${credentials}${extraHeaders}\r\n`;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 7 });
});
afterAll(() => server.close());

describe('requests the HTTP parser refuses', () => {
  const cases: [string, Buffer | string, number, string, string, RegExp][] = [
    ['a request line over 16 KiB', request(`GET /v1/vouchers/${'A'.repeat(17 * 1024)} HTTP/1.1`), 431, 'request_header_fields_too_large', 'Request header fields too large', /^The request line and headers exceed the limit of 16384 bytes$/],
    ['headers over 16 KiB', request('GET /v1/vouchers HTTP/1.1', `X-Padding: ${'p'.repeat(17 * 1024)}\r\n`), 431, 'request_header_fields_too_large', 'Request header fields too large', /exceed the limit of 16384 bytes/],
    ['a space in the request line', request('GET /v1/vouchers/A B HTTP/1.1'), 400, 'invalid_request', 'Invalid request', /^The request is not valid HTTP\/1\.1: /],
    ['a control byte in the request line', request('GET /v1/vouchers/A\x01B HTTP/1.1'), 400, 'invalid_request', 'Invalid request', /^The request is not valid HTTP\/1\.1: /],
    [
      'a non-ASCII byte in the request line',
      Buffer.concat([Buffer.from('GET /v1/vouchers/A'), Buffer.from([0xff]), Buffer.from(` HTTP/1.1\r\nHost: localhost\r\n${credentials}\r\n`)]),
      400,
      'invalid_request',
      'Invalid request',
      /^The request is not valid HTTP\/1\.1: /,
    ],
    ['a NUL byte in a header', request('GET /v1/vouchers HTTP/1.1', 'X-Note: a\x00b\r\n'), 400, 'invalid_request', 'Invalid request', /^The request is not valid HTTP\/1\.1: /],
    ['an unknown method', request('FETCH /v1/vouchers HTTP/1.1'), 400, 'invalid_request', 'Invalid request', /^The request is not valid HTTP\/1\.1: Invalid method/],
    ['no HTTP at all', 'hello\r\n\r\n', 400, 'invalid_request', 'Invalid request', /^The request is not valid HTTP\/1\.1: /],
  ];

  it.each(cases)('answers %s in Voucherify\'s shape, with a request id, and closes', async (_name, bytes, status, key, message, details) => {
    const answer = await exchange(server, bytes);
    expect(answer.statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(answer.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(answer.body)),
      connection: 'close',
      'x-request-id': expect.stringMatching(/^v-[0-9a-f]{18}$/),
    });
    const body = JSON.parse(answer.body);
    expect(body).toEqual({ code: status, key, message, details: expect.stringMatching(details), request_id: answer.headers['x-request-id'] });
  });

  it('takes its request id from the same sequence as every other answer', async () => {
    const ok = await fetch(`${server.url}/v1/vouchers/REF-ALICE001`, { headers: { 'X-App-Id': 'raw', 'X-App-Token': 't' } });
    const before = ok.headers.get('x-request-id') as string;
    const refused = await exchange(server, request('FETCH /v1/vouchers HTTP/1.1'));
    const after = await fetch(`${server.url}/v1/vouchers/REF-ALICE001`, { headers: { 'X-App-Id': 'raw', 'X-App-Token': 't' } });
    const sequence = (id: string) => BigInt(`0x${id.slice(2)}`);
    expect(sequence(refused.headers['x-request-id']) - sequence(before)).toBe(1n);
    expect(sequence(after.headers.get('x-request-id') as string) - sequence(before)).toBe(2n);
  });

  it('keeps serving other connections', async () => {
    await exchange(server, request('GET /v1/vouchers/A\x01B HTTP/1.1'));
    const res = await fetch(`${server.url}/v1/vouchers/REF-ALICE001`, { headers: { 'X-App-Id': 'raw', 'X-App-Token': 't' } });
    expect(res.status).toBe(200);
  });
});

describe('answerClientError', () => {
  /** Just enough of a socket: whether it can be written, the response in flight, and what happened to it. */
  const socketStub = (writable: boolean, inFlight?: { headersSent: boolean }) => {
    const seen = { written: '', destroyed: false };
    const socket = {
      writable,
      _httpMessage: inFlight ?? null,
      end: (data: string, done: () => void) => {
        seen.written += data;
        done();
      },
      destroy: () => {
        seen.destroyed = true;
      },
    };
    return { socket: socket as unknown as Duplex, seen };
  };
  const parseError = (code: string, reason = 'Invalid method encountered') => Object.assign(new Error(`Parse Error: ${reason}`), { code, reason });
  const answer = answerClientError(createIdGenerator(1));

  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'request_header_fields_too_large'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'payload_too_large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'request_timeout'],
    ['HPE_INVALID_METHOD', 400, 'invalid_request'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'invalid_request'],
  ])('answers %s with %i %s, then closes', (code, status, key) => {
    const { socket, seen } = socketStub(true);
    answer(parseError(code), socket);
    expect(seen.written).toMatch(new RegExp(`^HTTP/1\\.1 ${status} .*"key":"${key}"`, 's'));
    expect(seen.destroyed).toBe(true);
  });

  it.each([
    ['the socket can no longer be written', socketStub(false)],
    ['a response has already started on it', socketStub(true, { headersSent: true })],
  ])('writes nothing when %s, and closes', (_name, { socket, seen }) => {
    answer(parseError('HPE_INVALID_METHOD'), socket);
    expect(seen).toEqual({ written: '', destroyed: true });
  });

  it('writes nothing after a reset by the peer', () => {
    const { socket, seen } = socketStub(true);
    answer(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), socket);
    expect(seen).toEqual({ written: '', destroyed: true });
  });

  it('answers when the request in flight has sent nothing yet', () => {
    const { socket, seen } = socketStub(true, { headersSent: false });
    answer(parseError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size'), socket);
    expect(seen.written).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(seen.written).toContain('"details":"The request is not valid HTTP/1.1: Invalid character in chunk size"');
  });
});
