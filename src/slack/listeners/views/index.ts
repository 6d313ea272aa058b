import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import * as pocModal from './poc-modal.js';
import * as scopeAccept from './scope-accept.js';

export function register(app: App, deps: ListenerDeps): void {
  pocModal.register(app, deps);
  scopeAccept.register(app, deps);
}
