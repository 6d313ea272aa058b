import type { ListenerDeps } from '../deps.js';
import type { ListenerSurfaces } from '../surfaces.js';
import * as activity from './activity.js';
import * as appHome from './app-home.js';
import * as botJoined from './bot-joined.js';
import * as channelArchive from './channel-archive.js';
import * as criterionReactions from './criterion-reactions.js';
import * as evidence from './evidence.js';
import * as lifecycle from './lifecycle.js';
import * as signoff from './signoff.js';
import * as standupReplies from './standup-replies.js';

export function register(app: ListenerSurfaces, deps: ListenerDeps): void {
  // Event listeners are added per feature (reactions, messages, App Home).
  criterionReactions.register(app, deps);
  evidence.register(app, deps);
  appHome.register(app, deps);
  signoff.register(app, deps);
  standupReplies.register(app, deps);
  activity.register(app, deps);
  channelArchive.register(app, deps);
  lifecycle.register(app, deps);
  botJoined.register(app, deps);
}
