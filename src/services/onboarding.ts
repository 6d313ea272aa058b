// The bot introducing itself: one short greeting in each channel it is added to (how to start),
// and the onboarding at a user's first App Home visit. Both are remembered in the database, so a
// restart or a Slack retry never repeats them.
import { dateToSlackTs } from '../domain/calendar.js';
import { postMetadataType } from '../slack/ids.js';
import { channelGreeting, onboardingHomeView } from '../slack/views/onboarding.js';
import { homeView } from '../slack/views/portfolio.js';
import type { ServiceDeps } from './deps.js';
import type { PocStatusService } from './poc-status.js';
import { SlackCallError } from './ports.js';
import { isRetryable, type RetryOptions, withSlackRetry } from './slack-retry.js';

export type GreetingOutcome = 'greeted' | 'already greeted' | 'has a POC' | 'failed';

export class OnboardingService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly status: PocStatusService,
    private readonly retry: RetryOptions = {},
  ) {}

  /** The bot joined `channelId`: greet it, once ever. A channel whose POC is already open needs no introduction. */
  async greetChannel(teamId: string, channelId: string): Promise<GreetingOutcome> {
    const { store, slack, clock, logger } = this.deps;
    if (await store.pocs.openInChannel(teamId, channelId)) return 'has a POC';
    const now = clock.now();
    if (!(await store.onboarding.claimGreeting(teamId, channelId, now))) return 'already greeted';
    const key = `greeting:${teamId}:${channelId}`;
    const message = { ...channelGreeting(), metadata: { event_type: postMetadataType, event_payload: { key } } };
    let ambiguous = false;
    try {
      const posted = await withSlackRetry(async (attempt) => {
        // A 5xx may have posted after all: look before posting again.
        if (attempt > 1 && ambiguous) {
          const found = await slack
            .findPostedByKey(channelId, key, dateToSlackTs(new Date(now.getTime() - 60_000)))
            .catch(() => undefined);
          if (found) return found;
        }
        try {
          return await slack.postMessage(channelId, message);
        } catch (err) {
          ambiguous ||= isRetryable(err) && err.code !== 'ratelimited';
          throw err;
        }
      }, this.retry);
      await store.onboarding.greeted(teamId, channelId, posted.ts);
      return 'greeted';
    } catch (err) {
      // Not posted: the next time the bot is added here it tries again.
      if (!ambiguous) await store.onboarding.releaseGreeting(teamId, channelId);
      const code = err instanceof SlackCallError ? err.code : err instanceof Error ? err.message : String(err);
      logger.warn({ team: teamId, channel: channelId }, `could not greet ${channelId} after joining it: ${code}`);
      return 'failed';
    }
  }

  /** The Home tab: at the user's first visit the onboarding above their POCs, afterwards their POCs. */
  async openHome(teamId: string, userId: string): Promise<'onboarding' | 'portfolio'> {
    const { store, slack, clock } = this.deps;
    const first = await store.onboarding.firstHomeVisit(teamId, userId, clock.now());
    const p = await this.status.portfolio(teamId, userId);
    try {
      await slack.publishHome(
        userId,
        first ? onboardingHomeView(p.open, p.closed, p.load) : homeView(p.open, p.closed, p.load),
      );
    } catch (err) {
      // The user did not see it: the next visit shows the onboarding again.
      if (first) await store.onboarding.forgetHomeVisit(teamId, userId);
      throw err;
    }
    return first ? 'onboarding' : 'portfolio';
  }
}
