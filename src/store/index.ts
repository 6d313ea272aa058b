import { ActivityStore } from './activity.js';
import { AnswerStore } from './answers.js';
import { CriteriaStore } from './criteria.js';
import { DecisionStore } from './decisions.js';
import type { Db } from './db.js';
import { ExtensionStore } from './extensions.js';
import { HolidayStore } from './holidays.js';
import { IssueStore } from './issues.js';
import { NudgeStore } from './nudges.js';
import { OutboxStore } from './outbox.js';
import { PauseStore } from './pauses.js';
import { PocChangeStore } from './poc-changes.js';
import { PocCloseStore } from './poc-close.js';
import { PocStore } from './pocs.js';
import { PublicHolidayStore } from './public-holidays.js';
import { ProcessedEventStore } from './processed-events.js';
import { ReadoutSourceStore } from './readout-sources.js';
import { ScopeRequestStore } from './scope-requests.js';
import { SlackProfileStore } from './slack-profiles.js';
import { TickReadStore } from './tick-reads.js';
import { TimeOffStore } from './time-off.js';
import { inTransaction } from './transaction.js';

/** The only door to SQL. One module per aggregate. */
export interface Store {
  db: Db;
  pocs: PocStore;
  criteria: CriteriaStore;
  events: ProcessedEventStore;
  holidays: HolidayStore;
  issues: IssueStore;
  scopeRequests: ScopeRequestStore;
  extensions: ExtensionStore;
  outbox: OutboxStore;
  answers: AnswerStore;
  pauses: PauseStore;
  pocChanges: PocChangeStore;
  activity: ActivityStore;
  nudges: NudgeStore;
  decisions: DecisionStore;
  readoutSources: ReadoutSourceStore;
  pocClose: PocCloseStore;
  timeOff: TimeOffStore;
  publicHolidays: PublicHolidayStore;
  slackProfiles: SlackProfileStore;
  /** Bulk reads over every open POC, for the scheduler's tick. */
  tickReads: TickReadStore;
  /** Runs fn in one SQLite transaction (synchronous: better-sqlite3 transactions cannot await). */
  transaction<T>(fn: () => T): T;
}

export function createStore(db: Db): Store {
  return {
    db,
    pocs: new PocStore(db),
    criteria: new CriteriaStore(db),
    events: new ProcessedEventStore(db),
    holidays: new HolidayStore(db),
    issues: new IssueStore(db),
    scopeRequests: new ScopeRequestStore(db),
    extensions: new ExtensionStore(db),
    outbox: new OutboxStore(db),
    answers: new AnswerStore(db),
    pauses: new PauseStore(db),
    pocChanges: new PocChangeStore(db),
    activity: new ActivityStore(db),
    nudges: new NudgeStore(db),
    decisions: new DecisionStore(db),
    readoutSources: new ReadoutSourceStore(db),
    pocClose: new PocCloseStore(db),
    timeOff: new TimeOffStore(db),
    publicHolidays: new PublicHolidayStore(db),
    slackProfiles: new SlackProfileStore(db),
    tickReads: new TickReadStore(db),
    transaction: <T>(fn: () => T): T => inTransaction(db, fn),
  };
}
