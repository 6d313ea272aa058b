import { describe, expect, it } from 'vitest';
import { SlackCallError, type SlackPort } from '../../src/services/ports.js';
import { scopedPort, WorkspaceSlackPorts } from '../../src/slack/slack-ports.js';
import { createLogger } from '../../src/logger.js';
import { inWorkspace } from '../../src/workspace-scope.js';

const logs: string[] = [];
const logger = createLogger('debug', { write: (l) => logs.push(l) });
const gateway = { slackApiUrl: 'http://127.0.0.1:9/api/', logger };

describe('WorkspaceSlackPorts', () => {
  it('looks a workspace’s token up once, shares one client per token (an org-wide install), and looks again after forget()', () => {
    const tokens = new Map([
      ['/T0A', 'xoxb-a'],
      ['E0GRID/T0X', 'xoxb-org'],
      ['E0GRID/T0Y', 'xoxb-org'],
    ]);
    const asked: string[] = [];
    const ports = new WorkspaceSlackPorts({
      tokenFor: (ws) => {
        const key = `${ws.enterpriseId ?? ''}/${ws.teamId}`;
        asked.push(key);
        return tokens.get(key);
      },
      gateway,
    });
    const a = ports.of({ teamId: 'T0A' });
    expect(ports.of({ teamId: 'T0A' })).toBe(a);
    expect(asked).toEqual(['/T0A']);
    expect(ports.of({ teamId: 'T0X', enterpriseId: 'E0GRID' })).toBe(
      ports.of({ teamId: 'T0Y', enterpriseId: 'E0GRID' }),
    );
    expect(ports.of({ teamId: 'T0X', enterpriseId: 'E0GRID' })).not.toBe(a);
    tokens.set('/T0A', 'xoxb-a2');
    ports.forget({ teamId: 'T0A' });
    expect(ports.of({ teamId: 'T0A' })).not.toBe(a);
    // An org's change reaches every team cached under it.
    ports.forget({ enterpriseId: 'E0GRID' });
    ports.of({ teamId: 'T0Y', enterpriseId: 'E0GRID' });
    expect(asked.filter((k) => k === 'E0GRID/T0Y')).toHaveLength(2);
  });

  it('gives a workspace without an install a port that sends nothing', async () => {
    const ports = new WorkspaceSlackPorts({ tokenFor: () => undefined, gateway });
    await expect(ports.of({ teamId: 'T0NONE' }).postMessage('C1', { text: 'hi' })).rejects.toMatchObject({
      code: 'not_installed',
    });
  });

  it('with one token, serves every workspace (and none) with the same port', async () => {
    const calls: string[] = [];
    const single = {
      postMessage: async (channel: string) => {
        calls.push(channel);
        return { channel, ts: '1.0' };
      },
    } as unknown as SlackPort;
    const ports = new WorkspaceSlackPorts({ single, gateway });
    expect(ports.of({ teamId: 'T0A' })).toBe(single);
    await scopedPort(ports, logger).postMessage('C1', { text: 'hi' });
    await inWorkspace({ teamId: 'T0B' }, () => scopedPort(ports, logger).postMessage('C2', { text: 'hi' }));
    expect(calls).toEqual(['C1', 'C2']);
  });

  it('in OAuth mode routes each call by the workspace of the running work, and refuses a call outside any', async () => {
    const byTeam = new Map<string, string[]>();
    const fake = (team: string) =>
      ({
        postMessage: async (channel: string) => {
          byTeam.set(team, [...(byTeam.get(team) ?? []), channel]);
          return { channel, ts: '1.0' };
        },
      }) as unknown as SlackPort;
    const ports = { of: (ws: { teamId: string }) => fake(ws.teamId) };
    const port = scopedPort(ports, logger);
    await inWorkspace({ teamId: 'T0A' }, () => port.postMessage('C1', { text: 'a' }));
    await inWorkspace({ teamId: 'T0B' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      await port.postMessage('C2', { text: 'b' });
    });
    expect(Object.fromEntries(byTeam)).toEqual({ T0A: ['C1'], T0B: ['C2'] });
    await expect(port.postMessage('C3', { text: 'nowhere' })).rejects.toBeInstanceOf(SlackCallError);
    await expect(port.postMessage('C3', { text: 'nowhere' })).rejects.toMatchObject({ code: 'no_workspace' });
  });
});
