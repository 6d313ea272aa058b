import type { App } from '@slack/bolt';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import type { ListenerDeps } from './deps.js';
import { registerDedupe } from './events/dedupe.js';
import * as events from './events/index.js';
import * as views from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerDedupe(app, deps);
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
}
