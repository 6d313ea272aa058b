import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import * as pocModal from './poc-modal.js';
import * as scopeAccept from './scope-accept.js';

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  pocModal.register(app, deps);
  scopeAccept.register(app, deps);
}
