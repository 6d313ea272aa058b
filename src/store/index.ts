import { ActivityStore } from './activity.js';
import { AnswerStore } from './answers.js';
import { CriteriaStore } from './criteria.js';
import { DecisionStore } from './decisions.js';
import { EvaluatorStore } from './evaluators.js';
import type { Db } from './db.js';
import { ExtensionStore } from './extensions.js';
import { HolidayStore } from './holidays.js';
import { InboxStore } from './inbox.js';
import { IssueStore } from './issues.js';
import { NudgeStore } from './nudge-records.js';
import { OnboardingStore } from './onboarding.js';
import { OutboxStore } from './outbox.js';
import { PauseStore } from './pauses.js';
import { PocChangeStore } from './poc-changes.js';
import { PocCloseStore } from './poc-close.js';
import { PocScheduleStore } from './poc-schedule.js';
import { PocStore } from './pocs.js';
import { PublicHolidayStore } from './public-holidays.js';
import { ReadoutSourceStore } from './readout-sources.js';
import { ScopeRequestStore } from './scope-requests.js';
import { SignoffReactionStore } from './signoff-reactions.js';
import { SlackProfileStore } from './slack-profiles.js';
import { TickReadStore } from './tick-reads.js';
import { TimeOffStore } from './time-off.js';
import { type Async, serialized } from './serial.js';
import { type StoreDb, sqliteStoreDb } from './handle.js';
import { WorkspaceStore } from './workspaces.js';

/** The only door to SQL. One module per aggregate; every method returns a promise. */
export interface Store {
  /** SQLite's connection (tests read it raw); on PostgreSQL, the query builder: use `handle`. */
  db: Db;
  /** The database the store runs on (handle.ts). */
  handle: StoreDb;
  pocs: Async<PocStore>;
  /** What comes due next for each open POC (pocs.next_due_at): what the tick plans. */
  schedule: Async<PocScheduleStore>;
  criteria: Async<CriteriaStore>;
  /** The evaluation team of each POC. */
  evaluators: Async<EvaluatorStore>;
  signoffReactions: Async<SignoffReactionStore>;
  /** The requests acknowledged (the app's request path writes through its own connection: app.ts). */
  inbox: Async<Omit<InboxStore, 'transaction'>>;
  holidays: Async<HolidayStore>;
  issues: Async<IssueStore>;
  scopeRequests: Async<ScopeRequestStore>;
  extensions: Async<ExtensionStore>;
  outbox: Async<OutboxStore>;
  answers: Async<AnswerStore>;
  pauses: Async<PauseStore>;
  pocChanges: Async<PocChangeStore>;
  activity: Async<ActivityStore>;
  nudges: Async<NudgeStore>;
  decisions: Async<DecisionStore>;
  readoutSources: Async<ReadoutSourceStore>;
  pocClose: Async<PocCloseStore>;
  timeOff: Async<TimeOffStore>;
  publicHolidays: Async<PublicHolidayStore>;
  slackProfiles: Async<SlackProfileStore>;
  /** Bulk reads over every open POC, for the scheduler's tick. */
  tickReads: Async<TickReadStore>;
  /** Each workspace's install state (app_uninstalled, tokens_revoked, reinstalled). */
  workspaces: Async<WorkspaceStore>;
  /** The bot's greeting per channel and the first App Home visits. */
  onboarding: Async<OnboardingStore>;
  /**
   * Runs fn in one transaction: committed when it resolves, rolled back when it throws. fn awaits
   * only the store (every other caller of the database waits for it: serial.ts).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs fn's reads against one state of the database (handle.ts: `readSnapshot`); fn must not write. */
  readSnapshot<T>(fn: () => Promise<T>): Promise<T>;
}

/** The store on a SQLite connection (tests, the bench, `npm run tick`: the default database). */
export function createStore(db: Db): Store {
  return createStoreOn(sqliteStoreDb(db));
}

/** The store on either database (handle.ts). */
export function createStoreOn(h: StoreDb): Store {
  const wrap = <T extends object>(impl: T) => serialized(impl, h.exclusive);
  return {
    db: h.db,
    handle: h,
    pocs: wrap(new PocStore(h)),
    schedule: wrap(new PocScheduleStore(h)),
    criteria: wrap(new CriteriaStore(h)),
    evaluators: wrap(new EvaluatorStore(h)),
    signoffReactions: wrap(new SignoffReactionStore(h)),
    inbox: wrap(new InboxStore(h)),
    holidays: wrap(new HolidayStore(h)),
    issues: wrap(new IssueStore(h)),
    scopeRequests: wrap(new ScopeRequestStore(h)),
    extensions: wrap(new ExtensionStore(h)),
    outbox: wrap(new OutboxStore(h)),
    answers: wrap(new AnswerStore(h)),
    pauses: wrap(new PauseStore(h)),
    pocChanges: wrap(new PocChangeStore(h)),
    activity: wrap(new ActivityStore(h)),
    nudges: wrap(new NudgeStore(h)),
    decisions: wrap(new DecisionStore(h)),
    readoutSources: wrap(new ReadoutSourceStore(h)),
    pocClose: wrap(new PocCloseStore(h)),
    timeOff: wrap(new TimeOffStore(h)),
    publicHolidays: wrap(new PublicHolidayStore(h)),
    slackProfiles: wrap(new SlackProfileStore(h)),
    tickReads: wrap(new TickReadStore(h)),
    workspaces: wrap(new WorkspaceStore(h)),
    onboarding: wrap(new OnboardingStore(h)),
    transaction: (fn) => h.transaction(fn),
    readSnapshot: (fn) => h.readSnapshot(fn),
  };
}
