// The Socket Mode side of the local Slack-compatible API: a WebSocket server (the few parts of
// RFC 6455 Slack's client uses: the handshake, unfragmented text frames, ping/pong, close) that
// says `hello` to each connection, sends envelopes (events, slash commands) and records the acks
// the app sends back. FakeSlack's apps.connections.open hands out its URL.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const wsGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, len])
      : len < 65_536
        ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
        : Buffer.alloc(10);
  if (len >= 65_536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

export class FakeSocketMode {
  /** Every message the app sent: its acks (`{ envelope_id, payload? }`). */
  readonly received: Array<Record<string, unknown>> = [];
  private readonly sockets = new Set<Duplex>();
  private server: Server | undefined;
  private base = '';
  private connectionWaiters: Array<() => void> = [];

  /** The wss URL apps.connections.open answers with. */
  get url(): string {
    return `${this.base}/link`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  async start(): Promise<void> {
    this.server = createServer((_req, res) => {
      res.writeHead(426);
      res.end();
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex) => this.accept(req, socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.dropAll();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once a connection is open (now, or the next one). */
  connected(): Promise<void> {
    if (this.sockets.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.connectionWaiters.push(resolve));
  }

  /** Sends an envelope (e.g. `{ type: 'events_api', envelope_id, payload }`) to every open connection. */
  send(envelope: Record<string, unknown>): void {
    const data = frame(0x1, Buffer.from(JSON.stringify(envelope)));
    for (const s of this.sockets) s.write(data);
  }

  /** Drops every connection, as a network failure would. */
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  private accept(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') {
      socket.destroy();
      return;
    }
    const accept = createHash('sha1')
      .update(key + wsGuid)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.sockets.add(socket);
    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      buffered = this.read(socket, buffered);
    });
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    socket.write(
      frame(
        0x1,
        Buffer.from(
          JSON.stringify({
            type: 'hello',
            num_connections: this.sockets.size,
            connection_info: { app_id: 'A0POCBOT' },
          }),
        ),
      ),
    );
    const waiters = this.connectionWaiters;
    this.connectionWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Reads the whole frames in `data` (clients mask theirs); returns what is left of a partial one. */
  private read(socket: Duplex, data: Buffer): Buffer {
    let at = 0;
    for (;;) {
      if (data.length - at < 2) break;
      const opcode = (data[at] as number) & 0x0f;
      let len = (data[at + 1] as number) & 0x7f;
      let offset = at + 2;
      if (len === 126) {
        if (data.length < offset + 2) break;
        len = data.readUInt16BE(offset);
        offset += 2;
      } else if (len === 127) {
        if (data.length < offset + 8) break;
        len = Number(data.readBigUInt64BE(offset));
        offset += 8;
      }
      const masked = ((data[at + 1] as number) & 0x80) !== 0;
      const mask = masked ? data.subarray(offset, offset + 4) : undefined;
      if (masked) offset += 4;
      if (data.length < offset + len) break;
      const payload = Buffer.from(data.subarray(offset, offset + len));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
      at = offset + len;
      if (opcode === 0x1) {
        try {
          this.received.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
        } catch {
          // not JSON: ignored, as Slack would
        }
      } else if (opcode === 0x9) socket.write(frame(0xa, payload));
      else if (opcode === 0x8) {
        socket.write(frame(0x8, payload));
        socket.end();
      }
    }
    return data.subarray(at);
  }
}
