import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import * as checkpoint from './checkpoint.js';
import * as confirmCall from './confirm-call.js';
import * as extensionApproval from './extension-approval.js';
import * as issueSeverity from './issue-severity.js';
import * as nudges from './nudge-buttons.js';
import * as pocModal from './poc-modal.js';
import * as readout from './readout-post-button.js';
import * as scopeDecision from './scope-decision.js';

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  pocModal.register(app, deps);
  readout.register(app, deps);
  issueSeverity.register(app, deps);
  scopeDecision.register(app, deps);
  checkpoint.register(app, deps);
  nudges.register(app, deps);
  confirmCall.register(app, deps);
  extensionApproval.register(app, deps);
}
