// Read models for `/poc status`, `/poc list` and the App Home (published by onboarding.ts).
import { isClosed, type Poc } from '../domain/poc.js';
import { type Load, loadOf, type PocSummary, summarize } from '../domain/summary.js';
import type { ServiceDeps } from './deps.js';
import type { ScoreboardService } from './scoreboard.js';
import { readTeam } from './team.js';
import { pocCalendars } from './calendars.js';
import { ensurePublicHolidays } from './holiday-calendar.js';
import { publicHolidaysInWindow, type SideHolidayList } from '../domain/sides.js';

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
    const { store, clock } = this.deps;
    // One read transaction: its reads see one state of the POC (no evidence counted against a
    // criterion list from before it), and SQLite opens one snapshot instead of one for each.
    return store.transaction(async () => this.summaryOf(poc, clock.now()));
  }

  private async summaryOf(poc: Poc, now: Date): Promise<PocSummary> {
    const { store } = this.deps;
    const { criteria, votes } = await store.criteria.activeWithVotes(poc.id);
    return summarize({
      poc,
      criteria,
      votes,
      evidence: await store.criteria.evidenceFor(criteria.map((c) => c.id)),
      issues: await store.issues.forPoc(poc.id),
      holidays: (await pocCalendars(store, poc)).customer,
      team: await readTeam(store, poc),
      pendingScopeRequests: (await store.scopeRequests.forPoc(poc.id)).filter((r) => r.decision === 'pending').length,
      now,
    });
  }

  /** Each side's public holidays in the POC's window, and its own days off in it. */
  async holidays(poc: Poc): Promise<{ lists: SideHolidayList[]; daysOff: string[] }> {
    const daysOff = [...(await this.deps.store.holidays.forPoc(poc.id))]
      .filter((d) => d >= poc.startDate && d <= poc.readoutDate)
      .sort();
    await ensurePublicHolidays(this.deps.store, [poc]);
    return { lists: publicHolidaysInWindow(poc), daysOff };
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
