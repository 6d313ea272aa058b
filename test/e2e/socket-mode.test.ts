// Socket Mode: no public URL and no signing secret; the app connects out over a WebSocket, acks
// what Slack sends over it, still serves /healthz, /readyz and /metrics on PORT, and /readyz says
// when the connection is down.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../testkit/fake-slack.js';
import { FakeSocketMode } from '../../testkit/fake-socket-mode.js';
import { eventually, type Harness, startHarness, testBotToken } from '../../testkit/harness.js';

const appToken = 'xapp-1-A0POCBOT-1-testapptoken';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('Socket Mode', () => {
  let socket: FakeSocketMode;
  let fake: FakeSlack;
  let h: Harness;
  beforeEach(async () => {
    socket = new FakeSocketMode();
    await socket.start();
    fake = new FakeSlack({ botToken: testBotToken, appToken });
    fake.socketModeUrl = socket.url;
    await fake.start();
    h = await startHarness({ fake, config: { appToken, signingSecret: undefined, port: await freePort() } });
  });
  afterEach(async () => {
    await h.stop();
    await fake.stop();
    await socket.stop();
  });

  const readyz = async () => {
    const res = await fetch(`${h.appUrl}/readyz`);
    return {
      status: res.status,
      json: (await res.json()) as { ready: boolean; checks: Record<string, { ok: boolean; reason?: string }> },
    };
  };

  it('runs without a signing secret, acks a command sent over the socket, and is ready while connected', async () => {
    expect(h.bot.config.signingSecret).toBeUndefined();
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    expect(await readyz()).toMatchObject({
      status: 200,
      json: { ready: true, checks: { socket_mode: { ok: true, detail: 'connected' } } },
    });

    socket.send({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/poc',
        text: 'help',
        team_id: fake.teamId,
        channel_id: 'C0ACME',
        user_id: 'U0SE',
        response_url: fake.responseUrl(),
        trigger_id: fake.issueTrigger(),
      },
    });
    const ack = await eventually(() => socket.received.find((m) => m.envelope_id === 'env-1'));
    expect(JSON.stringify(ack)).toContain('/poc new');
    const metrics = await (await fetch(`${h.appUrl}/metrics`)).text();
    expect(metrics).toMatch(/pocbot_slack_requests_total\{kind="command:\/poc",outcome="ok"\} 1/);
    expect(metrics).toMatch(/pocbot_ack_duration_seconds_count\{kind="command:\/poc"\} 1/);
  });

  it('/readyz is 503 while the connection is down, and 200 again once it is back', async () => {
    fake.socketModeUrl = undefined; // Slack will not hand out a new connection for now
    socket.dropAll();
    const down = await eventually(async () => {
      const r = await readyz();
      return r.status === 503 ? r : undefined;
    });
    expect(down.json).toMatchObject({
      ready: false,
      checks: { socket_mode: { ok: false, reason: 'not connected to Slack' } },
    });

    fake.socketModeUrl = socket.url;
    await eventually(async () => (await readyz()).status === 200, 15_000);
  }, 30_000);
});
