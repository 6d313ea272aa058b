import type { Logger } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import { ChannelStateService } from './channel-state.js';
import { CloseoutService } from './closeout.js';
import { DecideCriterion } from './decide-criterion.js';
import { DaysOffService } from './days-off.js';
import { CreatePoc } from './create-poc.js';
import { EditPoc } from './edit-poc.js';
import { EvidenceService } from './evidence.js';
import { ExtendService } from './extend.js';
import { IssueService } from './issues.js';
import { LifecycleService } from './lifecycle.js';
import { NudgeSweep } from './nudge-sweep.js';
import { NudgeService } from './nudges.js';
import { OnboardingService } from './onboarding.js';
import { OpenPocs } from './open-poc.js';
import { OrgFactsService } from './org-facts.js';
import { PeopleService } from './people.js';
import { PocStatusService } from './poc-status.js';
import { ScheduleAnswersService } from './schedule-answers.js';
import { ScopeService } from './scope.js';
import { ScoreboardService } from './scoreboard.js';
import type { InstallsPort, SlackPort } from './ports.js';
import { ReadoutService } from './readout.js';
import { ActivityService } from './record-activity.js';
import { SignOff } from './signoff.js';
import { SlackDelivery } from './slack-delivery.js';
import { TimeOffService } from './time-off.js';
import { DmHours } from './dm-hours.js';

export interface ServiceDeps {
  store: Store;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  /** OAuth mode: the stored tokens the lifecycle deletes (absent with the one SLACK_BOT_TOKEN). */
  installs?: InstallsPort | undefined;
}

/** What the services get: the deps, and the one shared way to post on a user's behalf. */
export type ServiceContext = ServiceDeps & { delivery: SlackDelivery };

/** Every use case, built once by the composition root. */
export interface Services {
  daysOff: DaysOffService;
  scheduleAnswers: ScheduleAnswersService;
  openPocs: OpenPocs;
  createPoc: CreatePoc;
  editPoc: EditPoc;
  /** Whether the channel is shared and whose workspace each evaluator is in, for the POC form. */
  orgFacts: OrgFactsService;
  signOff: SignOff;
  scoreboard: ScoreboardService;
  decideCriterion: DecideCriterion;
  evidence: EvidenceService;
  issues: IssueService;
  scope: ScopeService;
  extend: ExtendService;
  pocStatus: PocStatusService;
  readout: ReadoutService;
  closeout: CloseoutService;
  activity: ActivityService;
  nudges: NudgeService;
  /** The tick's nudge sweep (the nudges job). */
  nudgeSweep: NudgeSweep;
  channelState: ChannelStateService;
  /** app_uninstalled / tokens_revoked / installed again: the workspace's jobs stop and resume. */
  lifecycle: LifecycleService;
  /** The greeting when the bot joins a channel, the onboarding at the first App Home visit. */
  onboarding: OnboardingService;
  /** The shared way to post on a user's behalf; the dispatcher tells the SE through it what will not go out. */
  delivery: SlackDelivery;
  /** Each person's Slack zone and status, cached. */
  people: PeopleService;
  /** `/poc away`, and time off learned from Slack statuses. */
  timeOff: TimeOffService;
  /** When a DM may reach its recipient (their hours, side's holidays, time off). */
  dmHours: DmHours;
}

export function createServices(base: ServiceDeps): Services {
  const deps: ServiceContext = { ...base, delivery: new SlackDelivery(base) };
  const scoreboard = new ScoreboardService(deps);
  const readout = new ReadoutService(deps);
  const activity = new ActivityService(deps.store, deps.clock, deps.logger);
  const pocStatus = new PocStatusService(deps, scoreboard);
  const people = new PeopleService(deps);
  const timeOff = new TimeOffService(deps, people);
  return {
    daysOff: new DaysOffService(deps),
    scheduleAnswers: new ScheduleAnswersService(deps, activity),
    openPocs: new OpenPocs(deps.store),
    createPoc: new CreatePoc(deps, people),
    editPoc: new EditPoc(deps, scoreboard),
    orgFacts: new OrgFactsService(deps.slack, deps.logger),
    signOff: new SignOff(deps, scoreboard),
    scoreboard,
    decideCriterion: new DecideCriterion(deps, scoreboard),
    evidence: new EvidenceService(deps),
    issues: new IssueService(deps),
    scope: new ScopeService(deps, scoreboard),
    extend: new ExtendService(deps, scoreboard),
    pocStatus,
    readout,
    closeout: new CloseoutService({ ...deps, readout }),
    activity,
    nudges: new NudgeService(deps.store, deps.slack, deps.clock, deps.logger, deps.delivery, timeOff),
    nudgeSweep: new NudgeSweep(deps.store),
    channelState: new ChannelStateService(deps),
    lifecycle: new LifecycleService(deps),
    onboarding: new OnboardingService(deps, pocStatus),
    delivery: deps.delivery,
    people,
    timeOff,
    dmHours: new DmHours(deps.store, people),
  };
}
