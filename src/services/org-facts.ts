// What Slack says about the channel and the people named in the POC form: whether the channel is
// shared with another organization, and each person's workspace. Asked while a modal submission
// waits for its answer (3 s), so the calls run side by side under one time limit, and a person's
// workspace, which never changes, is remembered.
import type { Logger } from '@slack/bolt';
import type { OrgFacts } from '../domain/team.js';
import type { SlackPort } from './ports.js';
import { within } from './slack-retry.js';

/** How long the lookups may take out of the submission's 3 s. */
export const orgLookupMs = 1200;
const maxRemembered = 10_000;

export class OrgFactsService {
  private readonly teams = new Map<string, string>();

  constructor(
    private readonly slack: SlackPort,
    private readonly logger: Logger,
  ) {}

  /** What could be learnt within the time limit; what could not is left unknown (and never held against anyone). */
  async lookup(input: {
    channelId: string;
    vendorTeamId: string;
    userIds: ReadonlyArray<string | undefined>;
  }): Promise<OrgFacts> {
    const ids = [...new Set(input.userIds.filter((id): id is string => Boolean(id)))];
    const unknown = ids.filter((id) => !this.teams.has(id));
    const [channel, users] = await Promise.all([
      within(this.slack.channelInfo(input.channelId), orgLookupMs, undefined),
      Promise.all(unknown.map((id) => within(this.slack.userInfo(id), orgLookupMs, undefined))),
    ]);
    for (const u of users) if (u?.teamId) this.remember(u.id, u.teamId);
    if (!channel)
      this.logger.debug(
        `could not tell whether ${input.channelId} is shared with another organization; evaluators not checked against it`,
      );
    return {
      channelShared: channel?.isExtShared,
      vendorTeamId: input.vendorTeamId,
      teamOf: new Map(ids.map((id) => [id, this.teams.get(id)])),
    };
  }

  private remember(userId: string, teamId: string): void {
    if (this.teams.size >= maxRemembered) {
      const oldest = this.teams.keys().next().value;
      if (oldest !== undefined) this.teams.delete(oldest);
    }
    this.teams.set(userId, teamId);
  }
}
