/**
 * The ceiling: what a bare Node HTTP server answers on this machine when it does nothing but read and
 * parse the body. No tracking service can be faster, so ours is measured as a share of it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answer, readJson, sayListening } from './body.js';

const server = createServer(async (req, res) => {
  try {
    await readJson(req);
    answer(res, 200, { status: 'created' });
  } catch {
    answer(res, 400, { detail: 'the body is not JSON' });
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  sayListening((server.address() as AddressInfo).port);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
