// What the jobs of one tick read about the POCs they plan, loaded in bulk once and shared: each
// table is read with one query for all of them, instead of once per POC per job. Lives for one
// tick only (the jobs get a fresh one each tick), so it is never stale for longer than the tick
// that loaded it. The POCs are every open one, or (a tick's snapshot) the batch it claimed: some
// of those due by its `now` and the POCs planned with them (store/poc-schedule.ts). A quiet
// minute reads nothing. Everything is read by `load` (the store is asynchronous); the rules then
// ask the snapshot synchronously. A POC outside it (a deferred nudge's, on a tick that does not
// plan it) is read by `include` before it is asked about.
import type { Holidays } from '../domain/calendar.js';
import { groupBy } from '../domain/group-by.js';
import type { Poc } from '../domain/poc.js';
import { type Progress, progress, progressOfVotes } from '../domain/results.js';
import { type SideCalendars, sideCalendars } from '../domain/sides.js';
import type { TeamMemberFacts, TimeOff } from '../domain/silence.js';
import { customerTeam } from '../domain/team.js';
import type { Store } from '../store/index.js';
import type { NudgeRow, NudgeSignal } from '../store/nudge-records.js';
import type { PocChangeRow } from '../store/poc-changes.js';
import { type Scope, type SentStandupRow, scopeOf, type TimeOffRow } from '../store/tick-reads.js';
import { ensurePublicHolidays } from './holiday-calendar.js';
import { nudgeDmPrefix } from './nudge-dms.js';
import { activeStandings } from './standings.js';
import { teamFacts } from './team.js';

const noHolidays: Holidays = new Set();

/** The signal kinds the nudge rules read from the snapshot. */
const signalKinds = ['pushback'] as const;
type SignalKind = (typeof signalKinds)[number];

interface Loaded {
  holidaysByPoc: Map<number, Holidays>;
  progressByPoc: Map<number, Progress>;
  issueCounts: Map<number, number>;
  nudgesByPoc: Map<number, NudgeRow[]>;
  changesByPoc: Map<number, PocChangeRow[]>;
  scopeCounts: Map<number, number>;
  extensionCounts: Map<number, number>;
  sinceAnswered: Map<number, SentStandupRow[]>;
  signals: Map<SignalKind, Map<number, NudgeSignal[]>>;
  evaluatorsByPoc: Map<number, string[]>;
  teams: Map<number, TeamMemberFacts[]>;
  timeOffByPerson: Map<string, TimeOffRow[]>;
  /** Whether the DM of each POC's latest escalation went out (the silence rule asks). */
  escalationSent: Map<string, boolean>;
}

export class TickSnapshot {
  /** Where each POC is in `open`. */
  private readonly positions: Map<number, number>;
  /** POCs read by id that are not in the snapshot (a nudge of a POC closed since). */
  private readonly others = new Map<number, Poc | undefined>();
  private readonly otherHolidays = new Map<number, Holidays>();
  private readonly otherProgress = new Map<number, Progress>();
  private readonly calendarsByPoc = new Map<number, SideCalendars>();

  private constructor(
    private readonly store: Store,
    private readonly open: Poc[],
    private readonly loaded: Loaded,
  ) {
    this.positions = new Map(open.map((p, i) => [p.id, i]));
  }

  /** Reads everything the jobs ask about `pocs` (in id order; none given: every open POC). */
  static async load(store: Store, options: { pocs?: Poc[] } = {}): Promise<TickSnapshot> {
    const open = options.pocs ?? (await store.pocs.listOpen());
    return new TickSnapshot(store, open, await readAll(store, open));
  }

  /** The POCs planned (every POC not closed, or the tick's batch), in id order as `pocs.listOpen` gives. */
  pocs(): Poc[] {
    return this.open;
  }

  /** A POC this tick changed (a stage move): later jobs of the tick see it as it now is. */
  replacePoc(poc: Poc): void {
    const i = this.positions.get(poc.id);
    if (i !== undefined) this.open[i] = poc;
  }

  /** Reads the POCs outside the snapshot that are about to be asked about (pocById, calendars, progress). */
  async include(ids: Iterable<number>): Promise<void> {
    for (const id of ids) {
      if (this.positions.has(id) || this.others.has(id)) continue;
      const poc = await this.store.pocs.byId(id);
      this.others.set(id, poc);
      this.otherHolidays.set(id, await this.store.holidays.forPoc(id));
      this.otherProgress.set(id, progress(await activeStandings(this.store, id)));
      if (poc) await ensurePublicHolidays(this.store, [poc]);
    }
  }

  /** Any POC by id: those of the snapshot, and others once `include`d. */
  pocById(id: number): Poc | undefined {
    const i = this.positions.get(id);
    if (i !== undefined) return this.open[i];
    if (!this.others.has(id)) throw new Error(`POC ${id} is not in the tick's snapshot: include it first`);
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
      const poc = this.pocById(pocId);
      const daysOff = this.daysOff(pocId);
      hit = poc ? sideCalendars(poc, daysOff) : { customer: daysOff, vendor: daysOff };
      this.calendarsByPoc.set(pocId, hit);
    }
    return hit;
  }

  /** The POC's own days off (`/poc holiday`), without public holidays. */
  daysOff(pocId: number): Holidays {
    // One shared empty set for the (many) open POCs without days off.
    if (this.positions.has(pocId)) return this.loaded.holidaysByPoc.get(pocId) ?? noHolidays;
    return this.otherHolidays.get(pocId) ?? noHolidays;
  }

  /**
   * `progress(activeStandings(pocId))`. For the POCs of the snapshot from two bulk reads, the
   * criteria counts and the votes, that leave the criteria themselves unread: the nudge rules need
   * every running POC's progress each tick, and the criteria's text is most of what the standings read.
   */
  progress(pocId: number): Progress {
    const hit = this.loaded.progressByPoc.get(pocId) ?? this.otherProgress.get(pocId);
    if (!hit) throw new Error(`POC ${pocId} is not in the tick's snapshot: include it first`);
    return hit;
  }

  openIssues(pocId: number): number {
    return this.loaded.issueCounts.get(pocId) ?? 0;
  }

  /** The POC's nudges as stored, oldest first. Callers copy before adding to it. */
  nudges(pocId: number): readonly NudgeRow[] {
    return this.loaded.nudgesByPoc.get(pocId) ?? [];
  }

  /** The newest stored nudge of a kind (e.g. the latest escalation, for the "evaluator is back" note). */
  latestNudge(pocId: number, kind: string): NudgeRow | undefined {
    const list = this.nudges(pocId);
    for (let i = list.length - 1; i >= 0; i--) if (list[i]?.kind === kind) return list[i];
    return undefined;
  }

  /** Whether the post of this escalation (a nudge key) was sent: not still queued, skipped or failed. */
  escalationWentOut(nudgeKey: string): boolean {
    return this.loaded.escalationSent.get(nudgeKey) ?? false;
  }

  changesAfterSignoff(pocId: number): PocChangeRow[] {
    return this.loaded.changesByPoc.get(pocId) ?? [];
  }

  scopeRequestCount(pocId: number): number {
    return this.loaded.scopeCounts.get(pocId) ?? 0;
  }

  extensionCount(pocId: number): number {
    return this.loaded.extensionCounts.get(pocId) ?? 0;
  }

  /**
   * The POC's sent standups after the newest one its customer side answered, oldest first (see
   * `sinceLastAnswered`). A POC outside the snapshot has none here.
   */
  standupsSinceLastAnswered(pocId: number): SentStandupRow[] {
    return this.loaded.sinceAnswered.get(pocId) ?? [];
  }

  pendingSignals(pocId: number, kind: SignalKind): NudgeSignal[] {
    return this.loaded.signals.get(kind)?.get(pocId) ?? [];
  }

  /** The other evaluators (not the lead) of a POC of the snapshot, in the order named. */
  evaluators(pocId: number): readonly string[] {
    return this.loaded.evaluatorsByPoc.get(pocId) ?? [];
  }

  /** The customer side of a POC of the snapshot with each member's newest activity (see services/team.ts). */
  team(pocId: number): TeamMemberFacts[] {
    return this.loaded.teams.get(pocId) ?? [];
  }

  /** A person's time off in the workspace, oldest first. */
  timeOff(teamId: string, userId: string): readonly TimeOff[] {
    return this.loaded.timeOffByPerson.get(`${teamId}:${userId}`) ?? [];
  }
}

/** Every bulk read, for these POCs. None (a quiet minute): nothing read. */
async function readAll(store: Store, open: readonly Poc[]): Promise<Loaded> {
  const empty: Loaded = {
    holidaysByPoc: new Map(),
    progressByPoc: new Map(),
    issueCounts: new Map(),
    nudgesByPoc: new Map(),
    changesByPoc: new Map(),
    scopeCounts: new Map(),
    extensionCounts: new Map(),
    sinceAnswered: new Map(),
    signals: new Map(),
    evaluatorsByPoc: new Map(),
    teams: new Map(),
    timeOffByPerson: new Map(),
    escalationSent: new Map(),
  };
  if (open.length === 0) return empty;
  // One read of the stored public holidays at most, for every POC's places (it may store some:
  // before the snapshot, which must not write).
  await ensurePublicHolidays(store, open);
  // Every fact the jobs plan from, as of one state of the database: on PostgreSQL each statement
  // would otherwise see its own, and an event committed between two reads (an answer after the
  // standups were read, before the activity was) would give the rules facts that never were
  // true together.
  return store.readSnapshot(() => readFacts(store, open));
}

async function readFacts(store: Store, open: readonly Poc[]): Promise<Loaded> {
  const scope: Scope = scopeOf(open.map((p) => p.id));
  const reads = store.tickReads;
  const totals = await reads.activeCriteriaCounts(scope);
  const calls = groupBy(await reads.callsOnActiveCriteria(scope), (c) => c.pocId);
  const progressByPoc = new Map(open.map((p) => [p.id, progressOfVotes(totals.get(p.id) ?? 0, calls.get(p.id) ?? [])]));
  const nudgesByPoc = groupBy(await reads.nudges(scope), (n) => n.pocId);
  const signals = new Map<SignalKind, Map<number, NudgeSignal[]>>();
  for (const kind of signalKinds)
    signals.set(
      kind,
      groupBy(await reads.pendingSignals(scope, kind), (s) => s.pocId),
    );
  const evaluatorsByPoc = await reads.evaluators(scope);
  const timeOffByPerson = groupBy(await reads.timeOff(), (r) => `${r.teamId}:${r.userId}`);
  // Every team at once: one seek per member into activity_last, in the order of `pairs`.
  const pairs: Array<[number, string]> = [];
  for (const p of open) for (const m of customerTeam(p, evaluatorsByPoc.get(p.id) ?? [])) pairs.push([p.id, m.userId]);
  const last = await reads.lastActivity(pairs);
  const lastOf = new Map(pairs.map(([pocId, userId], i) => [`${pocId}:${userId}`, last[i]]));
  const teams = new Map(
    open.map((p) => [
      p.id,
      teamFacts(
        p,
        evaluatorsByPoc.get(p.id) ?? [],
        (userId) => lastOf.get(`${p.id}:${userId}`),
        (userId) => timeOffByPerson.get(`${p.teamId}:${userId}`) ?? [],
      ),
    ]),
  );
  // The latest escalation of each POC: whether its DM went out (one read for all).
  const latestEscalations: string[] = [];
  for (const list of nudgesByPoc.values()) {
    for (let i = list.length - 1; i >= 0; i--) {
      const row = list[i];
      if (row?.kind === 'escalation') {
        latestEscalations.push(row.key);
        break;
      }
    }
  }
  const statuses = await store.outbox.statuses(latestEscalations.map((key) => `${nudgeDmPrefix}${key}`));
  return {
    holidaysByPoc: await reads.holidays(scope),
    progressByPoc,
    issueCounts: await reads.openIssueCounts(scope),
    nudgesByPoc,
    changesByPoc: groupBy(await reads.changesAfterSignoff(scope), (c) => c.pocId),
    scopeCounts: await reads.scopeRequestCounts(scope),
    extensionCounts: await reads.extensionCounts(scope),
    sinceAnswered: groupBy(await reads.standupsSinceLastAnswered(scope), (r) => r.pocId),
    signals,
    evaluatorsByPoc,
    teams,
    timeOffByPerson,
    escalationSent: new Map(latestEscalations.map((key) => [key, statuses.get(`${nudgeDmPrefix}${key}`) === 'sent'])),
  };
}
