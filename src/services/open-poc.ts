import type { Poc } from '../domain/poc.js';
import type { Store } from '../store/index.js';
import { noOpenPoc } from './poc-access.js';

/** The open POC of a channel: what most `/poc` subcommands start from. */
export class OpenPocs {
  constructor(private readonly store: Store) {}

  async inChannel(teamId: string, channelId: string): Promise<Poc | undefined> {
    return this.store.pocs.openInChannel(teamId, channelId);
  }

  /** Why there is none: the POC closed there before, or `none` (noOpenPoc). */
  async whyNone(teamId: string, channelId: string, none: string): Promise<string> {
    return noOpenPoc(this.store, teamId, channelId, none);
  }
}
