// The recipient's side of a DM: their Slack zone and status (PeopleService, cached), their side's
// days off and their time off, turned into "send now" or "hold until" by domain/dm-hold.ts.
import { dmTiming, type DmTiming } from '../domain/dm-hold.js';
import type { Poc } from '../domain/poc.js';
import type { TimeOff } from '../domain/silence.js';
import { sideOf } from '../domain/sides.js';
import { awayFromStatus } from '../domain/time-off.js';
import type { Store } from '../store/index.js';
import { pocCalendars } from './calendars.js';
import { type PeopleService, statusMaxAgeMs } from './people.js';

export class DmHours {
  constructor(
    private readonly store: Store,
    private readonly people: PeopleService,
  ) {}

  /** When a DM about `poc` may reach `userId`, asked at `now`. Never throws (a failed lookup falls back to the POC's zone). */
  async timing(userId: string, poc: Poc, now: Date): Promise<DmTiming> {
    const profile = await this.people.profile(userId, statusMaxAgeMs);
    const zone = profile?.tz ?? poc.timeZone;
    const calendars = await pocCalendars(this.store, poc);
    const timeOff: TimeOff[] = [...(await this.store.timeOff.forUsers(poc.teamId, [userId]))];
    const status = profile ? awayFromStatus(profile.status, now, zone) : undefined;
    if (status) timeOff.push(status);
    return dmTiming(now, {
      zone,
      holidays: calendars[sideOf(poc, await this.store.evaluators.others(poc.id), userId)],
      timeOff,
    });
  }
}
