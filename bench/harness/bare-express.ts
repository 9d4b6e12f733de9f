// A bare Express 5 server with one GET route answering fixed bytes: the baseline the mock is compared with.
//
// Run as a child like the mock's CLI: `node bare-express.js --port 0 --host 127.0.0.1`, with the answer as
// JSON on stdin ({ path, status, contentType, body }). Prints `bare-express listening on <url>`.

import { parseArgs } from 'node:util';
import express from 'express';

interface Answer {
  path: string;
  status: number;
  contentType: string;
  body: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true });
const answer = JSON.parse(await readStdin()) as Answer;

const app = express();
// The mock runs with these two off; leaving them on would give the baseline per-response work the mock does not do.
app.disable('x-powered-by');
app.set('etag', false);
app.get(answer.path, (_req, res) => {
  res.status(answer.status).type(answer.contentType).send(answer.body);
});

const server = app.listen(Number(values.port ?? 0), values.host ?? '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('bare-express: no TCP address');
  process.stdout.write(`bare-express listening on http://${address.address}:${address.port}\n`);
});

process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
