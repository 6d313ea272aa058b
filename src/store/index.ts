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
import { inTransaction } from './transaction.js';
import { WorkspaceStore } from './workspaces.js';

/** The only door to SQL. One module per aggregate. */
export interface Store {
  db: Db;
  pocs: PocStore;
  /** What comes due next for each open POC (pocs.next_due_at): what the tick plans. */
  schedule: PocScheduleStore;
  criteria: CriteriaStore;
  /** The evaluation team of each POC. */
  evaluators: EvaluatorStore;
  signoffReactions: SignoffReactionStore;
  /** The requests acknowledged (the app's request path writes through its own connection: app.ts). */
  inbox: InboxStore;
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
  /** Each workspace's install state (app_uninstalled, tokens_revoked, reinstalled). */
  workspaces: WorkspaceStore;
  /** The bot's greeting per channel and the first App Home visits. */
  onboarding: OnboardingStore;
  /** Runs fn in one SQLite transaction (synchronous: better-sqlite3 transactions cannot await). */
  transaction<T>(fn: () => T): T;
}

export function createStore(db: Db): Store {
  const pocs = new PocStore(db);
  return {
    db,
    pocs,
    schedule: new PocScheduleStore(db),
    criteria: new CriteriaStore(db),
    evaluators: new EvaluatorStore(db),
    signoffReactions: new SignoffReactionStore(db),
    inbox: new InboxStore(db),
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
    workspaces: new WorkspaceStore(db),
    onboarding: new OnboardingStore(db),
    transaction: <T>(fn: () => T): T => inTransaction(db, fn),
  };
}
