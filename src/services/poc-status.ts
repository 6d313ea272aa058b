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

  summary(poc: Poc): PocSummary {
    const { store, clock } = this.deps;
    // One read transaction: the seven reads see one state of the POC (no vote counted against a
    // criterion list from before it), and SQLite opens one snapshot instead of seven.
    return store.transaction(() => this.summaryOf(poc, clock.now()));
  }

  private summaryOf(poc: Poc, now: Date): PocSummary {
    const { store } = this.deps;
    const criteria = store.criteria.listActive(poc.id);
    const ids = criteria.map((c) => c.id);
    return summarize({
      poc,
      criteria,
      votes: store.criteria.votesFor(ids),
      evidence: store.criteria.evidenceFor(ids),
      issues: store.issues.forPoc(poc.id),
      holidays: pocCalendars(store, poc).customer,
      team: readTeam(store, poc),
      pendingScopeRequests: store.scopeRequests.forPoc(poc.id).filter((r) => r.decision === 'pending').length,
      now,
    });
  }

  /** Each side's public holidays in the POC's window, and its own days off in it. */
  holidays(poc: Poc): { lists: SideHolidayList[]; daysOff: string[] } {
    const daysOff = [...this.deps.store.holidays.forPoc(poc.id)]
      .filter((d) => d >= poc.startDate && d <= poc.readoutDate)
      .sort();
    ensurePublicHolidays(this.deps.store, [poc]);
    return { lists: publicHolidaysInWindow(poc), daysOff };
  }

  /** Puts the scoreboard up if the POC has none yet (the first `/poc status` does). */
  ensureScoreboard(poc: Poc): Promise<void> {
    return this.scoreboard.ensure(poc.id);
  }

  portfolio(teamId: string, userId: string): Portfolio {
    const all = this.deps.store.pocs.listForUser(teamId, userId);
    const open = all.filter((p) => !isClosed(p.stage) && p.closedAt === null);
    const closed = all.filter((p) => isClosed(p.stage) || p.closedAt !== null).slice(0, closedShown);
    return { open: open.map((p) => this.summary(p)), closed: closed.map((p) => this.summary(p)), load: loadOf(open) };
  }
}
