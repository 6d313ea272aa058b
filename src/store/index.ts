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
import { type Async, SqliteSerial, serialized } from './serial.js';
import { WorkspaceStore } from './workspaces.js';

/** The only door to SQL. One module per aggregate. */
export interface Store {
  db: Db;
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
}

export function createStore(db: Db): Store {
  const serial = new SqliteSerial(db.$client);
  const wrap = <T extends object>(impl: T) => serialized(impl, serial);
  return {
    db,
    pocs: wrap(new PocStore(db)),
    schedule: wrap(new PocScheduleStore(db)),
    criteria: wrap(new CriteriaStore(db)),
    evaluators: wrap(new EvaluatorStore(db)),
    signoffReactions: wrap(new SignoffReactionStore(db)),
    inbox: wrap(new InboxStore(db)),
    holidays: wrap(new HolidayStore(db)),
    issues: wrap(new IssueStore(db)),
    scopeRequests: wrap(new ScopeRequestStore(db)),
    extensions: wrap(new ExtensionStore(db)),
    outbox: wrap(new OutboxStore(db)),
    answers: wrap(new AnswerStore(db)),
    pauses: wrap(new PauseStore(db)),
    pocChanges: wrap(new PocChangeStore(db)),
    activity: wrap(new ActivityStore(db)),
    nudges: wrap(new NudgeStore(db)),
    decisions: wrap(new DecisionStore(db)),
    readoutSources: wrap(new ReadoutSourceStore(db)),
    pocClose: wrap(new PocCloseStore(db)),
    timeOff: wrap(new TimeOffStore(db)),
    publicHolidays: wrap(new PublicHolidayStore(db)),
    slackProfiles: wrap(new SlackProfileStore(db)),
    tickReads: wrap(new TickReadStore(db)),
    workspaces: wrap(new WorkspaceStore(db)),
    onboarding: wrap(new OnboardingStore(db)),
    transaction: async (fn) => serial.transaction(fn),
  };
}
