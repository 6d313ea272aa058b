import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scopeShortcut } from '../../src/slack/ids.js';
import { botScopes } from '../../src/slack/scopes.js';

interface Manifest {
  display_information: { name: string; description?: string; long_description?: string };
  features: {
    bot_user: { display_name: string };
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    slash_commands: Array<{ command: string; url: string; description: string; usage_hint?: string }>;
    shortcuts?: Array<{ name: string; type: string; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as Manifest;
const socketManifest = JSON.parse(readFileSync('manifest.socket-mode.json', 'utf8')) as Manifest;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// Bot scope each subscribed event needs (Slack's event reference).
const eventScopes: Record<string, string[]> = {
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  channel_archive: ['channels:read'],
  channel_unarchive: ['channels:read'],
  group_archive: ['groups:read'],
  group_unarchive: ['groups:read'],
  app_home_opened: [],
  member_joined_channel: ['channels:read', 'groups:read'],
  app_uninstalled: [],
  tokens_revoked: [],
};

describe('manifest.json', () => {
  it('has the shape Slack requires, within its length limits', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect((manifest.display_information.description ?? '').length).toBeLessThanOrEqual(140);
    expect((manifest.display_information.long_description ?? '').length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description?.length).toBeLessThanOrEqual(4000);
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/poc']);
    for (const c of manifest.features.slash_commands) expect(c.description.length).toBeGreaterThan(0);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("declares every shortcut the code listens to, within Slack's limits", () => {
    const listened = new Set<string>();
    for (const file of sourceFiles('src/slack/listeners')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\.shortcut\(\s*\{\s*callback_id:\s*(\w+)/g))
        listened.add(m[1] as string);
    }
    expect([...listened]).toEqual(['scopeShortcut']);
    const shortcuts = manifest.features.shortcuts ?? [];
    expect(shortcuts.map((s) => s.callback_id)).toEqual([scopeShortcut]);
    for (const s of shortcuts) {
      expect(s.type).toBe('message');
      expect(s.name.length).toBeLessThanOrEqual(24);
      expect(s.description.length).toBeLessThanOrEqual(150);
    }
  });

  it('sends events, commands and interactivity to the one Bolt route', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });

  it('subscribes to every event the code listens to, with the scope each needs', () => {
    const listened = new Set<string>();
    for (const file of sourceFiles('src/slack/listeners')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\.event\(\s*'([a-z_]+)'/g)) listened.add(m[1] as string);
    }
    const subscribed = manifest.settings.event_subscriptions.bot_events;
    for (const event of listened) {
      if (event === 'message') {
        expect(subscribed).toContain('message.channels');
        expect(subscribed).toContain('message.groups');
      } else {
        expect(subscribed).toContain(event);
      }
    }
    for (const event of subscribed) {
      for (const scope of eventScopes[event] ?? ['unknown-event'])
        expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
  });

  it('asks for the commands scope and no scope twice', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    expect(scopes).toContain('commands');
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('has a Socket Mode twin that differs only in having no request URLs', () => {
    const { settings, features, ...rest } = socketManifest;
    expect(settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socketManifest)).not.toContain('request_url');
    for (const c of features.slash_commands) expect(c).not.toHaveProperty('url');
    // Everything else (scopes, events, commands, shortcuts) is the HTTP manifest's: they cannot drift apart.
    const { settings: httpSettings, features: httpFeatures, ...httpRest } = manifest;
    expect(rest).toEqual(httpRest);
    expect(features.slash_commands).toEqual(httpFeatures.slash_commands.map(({ url: _url, ...c }) => c));
    expect({ ...features, slash_commands: [] }).toEqual({ ...httpFeatures, slash_commands: [] });
    expect(settings.event_subscriptions.bot_events).toEqual(httpSettings.event_subscriptions.bot_events);
    expect({ ...settings, socket_mode_enabled: false, event_subscriptions: {}, interactivity: {} }).toEqual({
      ...httpSettings,
      event_subscriptions: {},
      interactivity: {},
    });
  });
});

describe('OAuth installs', () => {
  it('ask for exactly the bot scopes of the manifests', () => {
    expect([...botScopes].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect([...botScopes].sort()).toEqual([...socketManifest.oauth_config.scopes.bot].sort());
  });
});
