// What the jobs of one tick read about the POCs they plan, loaded in bulk once and shared: each
// table is read with one query for all of them, the first time a job asks for it, instead of once
// per POC per job. Lives for one tick only (the jobs get a fresh one each tick), so it is never
// stale for longer than the tick that loaded it. The POCs are every open one, or (a tick's
// snapshot) the batch it claimed: some of those due by its `now` and the POCs planned with them
// (store/poc-schedule.ts). A quiet minute reads next to nothing.
import type { Holidays } from '../domain/calendar.js';
import type { Poc } from '../domain/poc.js';
import { type Progress, progress, progressOfVotes } from '../domain/results.js';
import type { Store } from '../store/index.js';
import type { NudgeRow, NudgeSignal } from '../store/nudge-records.js';
import type { PocChangeRow } from '../store/poc-changes.js';
import { type Scope, type SentStandupRow, scopeOf, type TimeOffRow } from '../store/tick-reads.js';
import type { TimeOff } from '../domain/silence.js';
import { type SideCalendars, sideCalendars } from '../domain/sides.js';
import { ensurePublicHolidays } from './holiday-calendar.js';
import { groupBy } from '../domain/group-by.js';
import type { TeamMemberFacts } from '../domain/silence.js';
import { customerTeam } from '../domain/team.js';
import { activeStandings } from './standings.js';
import { teamFacts } from './team.js';

const noHolidays: Holidays = new Set();

export class TickSnapshot {
  private open: Poc[] | undefined;
  /** Where each open POC is in `open`. */
  private positions: Map<number, number> | undefined;
  /** POCs read by id that are not open (a nudge of a POC closed since). */
  private others = new Map<number, Poc | undefined>();
  private otherHolidays = new Map<number, Holidays>();
  private holidaysByPoc: Map<number, Holidays> | undefined;
  private progressByPoc: Map<number, Progress> | undefined;
  private issueCounts: Map<number, number> | undefined;
  private nudgesByPoc: Map<number, NudgeRow[]> | undefined;
  private changesByPoc: Map<number, PocChangeRow[]> | undefined;
  private scopeCounts: Map<number, number> | undefined;
  private extensionCounts: Map<number, number> | undefined;
  private sinceAnswered: Map<number, SentStandupRow[]> | undefined;
  private signalsByKind = new Map<string, Map<number, NudgeSignal[]>>();
  private evaluatorsByPoc: Map<number, string[]> | undefined;
  private teams: Map<number, TeamMemberFacts[]> | undefined;
  private calendarsByPoc = new Map<number, SideCalendars>();
  private timeOffByPerson: Map<string, TimeOffRow[]> | undefined;

  private scopeJson: Scope | undefined;

  /** `pocs`: the POCs a tick's batch plans (store/poc-schedule.ts), in id order; none: every open POC. */
  constructor(
    private readonly store: Store,
    private readonly options: { pocs?: Poc[] } = {},
  ) {}

  /** The POCs planned (every POC not closed, or those due), in id order as `pocs.listOpen` gives. */
  pocs(): Poc[] {
    this.open ??= this.options.pocs ?? this.store.pocs.listOpen();
    return this.open;
  }

  /** The ids of `pocs()`, for the bulk reads. */
  private scope(): Scope {
    this.scopeJson ??= scopeOf(this.pocs().map((p) => p.id));
    return this.scopeJson;
  }

  /** A POC this tick changed (a stage move): later jobs of the tick see it as it now is. */
  replacePoc(poc: Poc): void {
    const i = this.positionOf(poc.id);
    if (i !== undefined) this.pocs()[i] = poc;
  }

  /** Where the POC is in `pocs()`; undefined when it is not open. */
  private positionOf(id: number): number | undefined {
    this.positions ??= new Map(this.pocs().map((p, i) => [p.id, i]));
    return this.positions.get(id);
  }

  /** Any POC by id (as `pocs.byId`): the open ones from the snapshot, others read once. */
  pocById(id: number): Poc | undefined {
    const i = this.positionOf(id);
    const open = i === undefined ? undefined : this.pocs()[i];
    if (open) return open;
    if (!this.others.has(id)) this.others.set(id, this.store.pocs.byId(id));
    return this.others.get(id);
  }

  /**
   * The days the shared channel keeps off: the customer side's public holidays and the POC's
   * days off (see sides.ts). Built once per POC per tick; POCs in the same place share the sets.
   */
  holidays(pocId: number): Holidays {
    return this.calendars(pocId).customer;
  }

  /** Both sides' days off (the vendor's for DMs to its people). */
  calendars(pocId: number): SideCalendars {
    let hit = this.calendarsByPoc.get(pocId);
    if (!hit) {
      // Once per tick, for every open POC at once: one read of the stored holidays at most.
      if (this.calendarsByPoc.size === 0) ensurePublicHolidays(this.store, this.pocs());
      const poc = this.pocById(pocId);
      // A POC outside the snapshot (a deferred nudge's, on a tick that does not plan it): its places too.
      if (poc && this.positionOf(pocId) === undefined) ensurePublicHolidays(this.store, [poc]);
      const daysOff = this.daysOff(pocId);
      hit = poc ? sideCalendars(poc, daysOff) : { customer: daysOff, vendor: daysOff };
      this.calendarsByPoc.set(pocId, hit);
    }
    return hit;
  }

  /** The POC's own days off (`/poc holiday`), without public holidays. */
  daysOff(pocId: number): Holidays {
    this.holidaysByPoc ??= this.store.tickReads.holidays(this.scope());
    // One shared empty set for the (many) open POCs without days off.
    if (this.positionOf(pocId) !== undefined) return this.holidaysByPoc.get(pocId) ?? noHolidays;
    let other = this.otherHolidays.get(pocId);
    if (!other) {
      other = this.store.holidays.forPoc(pocId);
      this.otherHolidays.set(pocId, other);
    }
    return other;
  }

  /**
   * `progress(activeStandings(pocId))`. For the open POCs from two bulk reads, the criteria counts
   * and the votes, that leave the criteria themselves unread: the nudge rules need every running
   * POC's progress each tick, and the criteria's text is most of what the standings read.
   */
  progress(pocId: number): Progress {
    if (!this.progressByPoc) {
      const totals = this.store.tickReads.activeCriteriaCounts(this.scope());
      const calls = groupBy(this.store.tickReads.callsOnActiveCriteria(this.scope()), (c) => c.pocId);
      this.progressByPoc = new Map(
        this.pocs().map((p) => [p.id, progressOfVotes(totals.get(p.id) ?? 0, calls.get(p.id) ?? [])]),
      );
    }
    // A POC that is not open (none of the jobs asks for one today) is read on its own.
    return this.progressByPoc.get(pocId) ?? progress(activeStandings(this.store, pocId));
  }

  openIssues(pocId: number): number {
    this.issueCounts ??= this.store.tickReads.openIssueCounts(this.scope());
    return this.issueCounts.get(pocId) ?? 0;
  }

  /** The POC's nudges as stored, oldest first. Callers copy before adding to it. */
  nudges(pocId: number): readonly NudgeRow[] {
    this.nudgesByPoc ??= groupBy(this.store.tickReads.nudges(this.scope()), (n) => n.pocId);
    return this.nudgesByPoc.get(pocId) ?? [];
  }

  /** The newest stored nudge of a kind (e.g. the latest escalation, for the "evaluator is back" note). */
  latestNudge(pocId: number, kind: string): NudgeRow | undefined {
    const list = this.nudges(pocId);
    for (let i = list.length - 1; i >= 0; i--) if (list[i]?.kind === kind) return list[i];
    return undefined;
  }

  changesAfterSignoff(pocId: number): PocChangeRow[] {
    this.changesByPoc ??= groupBy(this.store.tickReads.changesAfterSignoff(this.scope()), (c) => c.pocId);
    return this.changesByPoc.get(pocId) ?? [];
  }

  scopeRequestCount(pocId: number): number {
    this.scopeCounts ??= this.store.tickReads.scopeRequestCounts(this.scope());
    return this.scopeCounts.get(pocId) ?? 0;
  }

  extensionCount(pocId: number): number {
    this.extensionCounts ??= this.store.tickReads.extensionCounts(this.scope());
    return this.extensionCounts.get(pocId) ?? 0;
  }

  /**
   * The POC's sent standups after the newest one its customer side answered, oldest first (see
   * `sinceLastAnswered`). Read for every open POC at once; a POC that is not open has none here.
   */
  standupsSinceLastAnswered(pocId: number): SentStandupRow[] {
    this.sinceAnswered ??= groupBy(this.store.tickReads.standupsSinceLastAnswered(this.scope()), (r) => r.pocId);
    return this.sinceAnswered.get(pocId) ?? [];
  }

  pendingSignals(pocId: number, kind: string): NudgeSignal[] {
    let byPoc = this.signalsByKind.get(kind);
    if (!byPoc) {
      byPoc = groupBy(this.store.tickReads.pendingSignals(this.scope(), kind), (s) => s.pocId);
      this.signalsByKind.set(kind, byPoc);
    }
    return byPoc.get(pocId) ?? [];
  }

  /** The other evaluators (not the lead) of an open POC, in the order named. */
  evaluators(pocId: number): readonly string[] {
    this.evaluatorsByPoc ??= this.store.tickReads.evaluators(this.scope());
    return this.evaluatorsByPoc.get(pocId) ?? [];
  }

  /**
   * The customer side of an open POC with each member's newest activity (see services/team.ts).
   * Every open POC's team is read at once: one seek per member into activity_last.
   */
  team(pocId: number): TeamMemberFacts[] {
    if (!this.teams) {
      const pairs: Array<[number, string]> = [];
      for (const p of this.pocs()) for (const m of customerTeam(p, this.evaluators(p.id))) pairs.push([p.id, m.userId]);
      // In the order of `pairs`, which teamFacts walks again, POC by POC and member by member.
      const last = this.store.tickReads.lastActivity(pairs);
      let i = 0;
      const next = (pocId: number, userId: string): string | undefined => {
        const pair = pairs[i];
        if (pair?.[0] !== pocId || pair[1] !== userId) throw new Error(`team of POC ${pocId} read out of order`);
        return last[i++];
      };
      this.teams = new Map(
        this.pocs().map((p) => [
          p.id,
          teamFacts(
            p,
            this.evaluators(p.id),
            (userId) => next(p.id, userId),
            (userId) => this.timeOff(p.teamId, userId),
          ),
        ]),
      );
    }
    return this.teams.get(pocId) ?? [];
  }

  /** A person's time off in the workspace, oldest first. */
  timeOff(teamId: string, userId: string): readonly TimeOff[] {
    this.timeOffByPerson ??= groupBy(this.store.tickReads.timeOff(), (r) => `${r.teamId}:${r.userId}`);
    return this.timeOffByPerson.get(`${teamId}:${userId}`) ?? [];
  }
}
