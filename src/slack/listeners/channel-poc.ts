// One read of a channel's open POC per Slack request. A reaction goes to three listeners
// (activity, a criterion's decision, the sign-off), each starting from the channel's POC: read
// once and shared, it costs one query instead of three. Kept with Bolt's context, which every
// listener of the request shares, and gone with it.
import type { Poc } from '../../domain/poc.js';
import type { ListenerDeps } from './deps.js';

const reads = new WeakMap<object, Map<string, Promise<Poc | undefined>>>();

export function channelPoc(
  deps: ListenerDeps,
  context: object,
  teamId: string,
  channelId: string,
): Promise<Poc | undefined> {
  let mine = reads.get(context);
  if (!mine) {
    mine = new Map();
    reads.set(context, mine);
  }
  const key = `${teamId}/${channelId}`;
  let read = mine.get(key);
  if (!read) {
    read = deps.services.openPocs.inChannel(teamId, channelId);
    mine.set(key, read);
  }
  return read;
}
