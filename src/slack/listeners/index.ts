import type { App } from '@slack/bolt';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import type { ListenerDeps } from './deps.js';
import { registerAfterAck } from './events/after-ack.js';
import * as events from './events/index.js';
import * as scopeFromMessage from './shortcuts/scope-from-message.js';
import { SurfaceTables } from './surfaces.js';
import * as views from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerAfterAck(app, deps);
  commands.register(app, deps);
  scopeFromMessage.register(app, deps);
  // Features register into per-surface tables; Bolt sees one listener per surface (surfaces.ts).
  const surfaces = new SurfaceTables();
  events.register(surfaces, deps);
  actions.register(surfaces, deps);
  views.register(surfaces, deps);
  surfaces.install(app);
}
