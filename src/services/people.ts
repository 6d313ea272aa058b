// What pocbot knows of each person from Slack: the zone users.info has for them (their working
// hours) and their status (away for the day?). Read through a cache (store.slackProfiles), so a
// tick's DMs and checks ask Slack once per person per while, and a failed or slow users.info
// never holds anything up: the cached answer, or none, is used instead.
import { currentWorkspace } from '../workspace-scope.js';
import type { Logger } from '@slack/bolt';
import type { Clock } from '../clock.js';
import { isValidTimeZone } from '../domain/calendar.js';
import type { SlackStatus } from '../domain/time-off.js';
import type { Store } from '../store/index.js';
import type { CachedProfile } from '../store/slack-profiles.js';
import type { SlackPort } from './ports.js';
import { within } from './slack-retry.js';

/** A zone changes rarely: a day-old one is good enough for working hours. */
export const zoneMaxAgeMs = 24 * 60 * 60_000;
/** A status is set in the morning and read the same hour. */
export const statusMaxAgeMs = 30 * 60_000;
/** users.info must not hold up a modal's 3 s or a tick's sends. */
const lookupMs = 1200;

export interface Profile {
  tz: string | undefined;
  status: SlackStatus;
}

export class PeopleService {
  constructor(private readonly deps: { store: Store; slack: SlackPort; clock: Clock; logger: Logger }) {}

  /**
   * The person's profile, from the cache when it is younger than `maxAgeMs`, else from users.info
   * (and cached). A person Slack does not know is cached as such, so they are not asked for again
   * on every tick. Never throws.
   */
  async profile(userId: string, maxAgeMs: number): Promise<Profile | undefined> {
    const { store, slack, clock, logger } = this.deps;
    const now = clock.now();
    // Cached per workspace, as asked with its token: one workspace's view of a person is never
    // another's (an external user's profile may be reduced for one and not the other).
    const teamId = currentWorkspace()?.teamId ?? '';
    const cached = await store.slackProfiles.get(teamId, userId);
    if (cached && now.getTime() - new Date(cached.fetchedAt).getTime() <= maxAgeMs) return toProfile(cached);
    const fresh = await within(
      slack.userInfo(userId).then(
        (u) => ({ ok: true as const, u }),
        (err: unknown) => {
          logger.warn(`users.info ${userId}: ${err instanceof Error ? err.message : String(err)}`);
          return { ok: false as const };
        },
      ),
      lookupMs,
      { ok: false as const },
    );
    if (!fresh.ok) return cached ? toProfile(cached) : undefined;
    const row: CachedProfile = {
      teamId,
      userId,
      tz: fresh.u?.tz && isValidTimeZone(fresh.u.tz) ? fresh.u.tz : null,
      statusText: fresh.u?.status?.text ?? '',
      statusEmoji: fresh.u?.status?.emoji ?? '',
      statusExpiration: fresh.u?.status?.expiration ?? 0,
      fetchedAt: now.toISOString(),
    };
    await store.slackProfiles.put(row);
    return toProfile(row);
  }

  /** The zone Slack has for the person (a day-old answer will do); undefined when it has none. */
  async zone(userId: string): Promise<string | undefined> {
    return (await this.profile(userId, zoneMaxAgeMs))?.tz;
  }
}

function toProfile(p: CachedProfile): Profile {
  return {
    tz: p.tz ?? undefined,
    status: { text: p.statusText, emoji: p.statusEmoji, expiration: p.statusExpiration },
  };
}
