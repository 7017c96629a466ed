import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request's body parsed as JSON; throws on a body that is not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The line a parent process waits for (see child.ts). */
export function sayListening(port: number): void {
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
}
