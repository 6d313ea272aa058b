// A local HTTP server for each test (call inside `describe`): it records every request and
// answers as the test says (200 "ok" unless `answer` is replaced).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';

export interface ReceivedRequest {
  url: string;
  type: string | undefined;
  body: string;
  socket: unknown;
}

export function localServer() {
  let server: Server | undefined;
  const state = {
    base: '',
    received: [] as ReceivedRequest[],
    answer: (_req: IncomingMessage, res: ServerResponse): void => {
      res.end('ok');
    },
  };
  beforeEach(async () => {
    state.received.length = 0;
    state.answer = (_req, res) => res.end('ok');
    const s = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        state.received.push({ url: req.url ?? '', type: req.headers['content-type'], body, socket: req.socket });
        state.answer(req, res);
      });
    });
    server = s;
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    state.base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    const s = server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  });
  return state;
}
