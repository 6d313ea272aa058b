// Read models for `/poc status`, `/poc list` and the App Home (published by onboarding.ts).
import { isClosed, type Poc } from '../domain/poc.js';
import { type Load, loadOf, type PocSummary, summarize } from '../domain/summary.js';
import type { ServiceDeps } from './deps.js';
import type { ScoreboardService } from './scoreboard.js';
import { readTeam } from './team.js';
import { ensurePublicHolidays } from './holiday-calendar.js';
import type { Holidays } from '../domain/calendar.js';
import { publicHolidaysInWindow, type SideHolidayList, sideCalendars } from '../domain/sides.js';

/** Each side's public holidays in the POC's window, and its own days off in it. */
export interface PocHolidays {
  lists: SideHolidayList[];
  daysOff: string[];
}

/** The calendar lines of a POC from its days off (the public holidays ensured in this process). */
function holidaysOf(poc: Poc, daysOff: Holidays): PocHolidays {
  return {
    lists: publicHolidaysInWindow(poc),
    daysOff: [...daysOff].filter((d) => d >= poc.startDate && d <= poc.readoutDate).sort(),
  };
}

export interface Portfolio {
  open: PocSummary[];
  closed: PocSummary[];
  load: Load;
}

const closedShown = 5;

export class PocStatusService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly scoreboard: ScoreboardService,
  ) {}

  async summary(poc: Poc): Promise<PocSummary> {
    return (await this.status(poc)).summary;
  }

  /**
   * What `/poc status` shows of the POC: its summary and its calendar lines, from one snapshot (its
   * reads see one state of the POC: no evidence counted against a criterion list from before it),
   * the POC's own days off read once for both (on PostgreSQL each read is a round trip). The public
   * holidays are ensured before it: computing them may store them, and a snapshot only reads.
   */
  async status(poc: Poc): Promise<{ summary: PocSummary; holidays: PocHolidays }> {
    const { store, clock } = this.deps;
    await ensurePublicHolidays(store, [poc]);
    return store.readSnapshot(async () => {
      const daysOff = await store.holidays.forPoc(poc.id);
      return { summary: await this.summaryOf(poc, clock.now(), daysOff), holidays: holidaysOf(poc, daysOff) };
    });
  }

  private async summaryOf(poc: Poc, now: Date, daysOff: Holidays): Promise<PocSummary> {
    const { store } = this.deps;
    const { criteria, votes } = await store.criteria.activeWithVotes(poc.id);
    return summarize({
      poc,
      criteria,
      votes,
      evidence: await store.criteria.evidenceFor(criteria.map((c) => c.id)),
      issues: await store.issues.forPoc(poc.id),
      holidays: sideCalendars(poc, daysOff).customer,
      team: await readTeam(store, poc),
      pendingScopeRequests: (await store.scopeRequests.forPoc(poc.id)).filter((r) => r.decision === 'pending').length,
      now,
    });
  }

  /** Puts the scoreboard up if the POC has none yet (the first `/poc status` does). */
  ensureScoreboard(poc: Poc): Promise<void> {
    return this.scoreboard.ensure(poc.id);
  }

  async portfolio(teamId: string, userId: string): Promise<Portfolio> {
    const all = await this.deps.store.pocs.listForUser(teamId, userId);
    const open = all.filter((p) => !isClosed(p.stage) && p.closedAt === null);
    const closed = all.filter((p) => isClosed(p.stage) || p.closedAt !== null).slice(0, closedShown);
    const summaries = async (pocs: Poc[]) => {
      const out: PocSummary[] = [];
      for (const p of pocs) out.push(await this.summary(p));
      return out;
    };
    return { open: await summaries(open), closed: await summaries(closed), load: loadOf(open) };
  }
}
