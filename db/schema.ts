// The SQLite schema. Dates are ISO strings: calendar days as 'YYYY-MM-DD' (in the POC's zone),
// instants as full ISO-8601 UTC. Slack timestamps ('1700000000.000100') stay strings: they are ids.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { extensionStatuses } from '../src/domain/extension.js';
import { inboxKinds, inboxStatuses } from '../src/domain/inbox.js';
import { severities } from '../src/domain/issues.js';
import { nudgeOutcomes, nudgeStatuses } from '../src/domain/nudge-rules.js';
import {
  answerKinds,
  categories,
  pocKinds,
  scopeDecisions,
  stages,
  voteResults,
  voterRoles,
} from '../src/domain/poc.js';
import { evaluatorRoles } from '../src/domain/team.js';
import { workspaceStates } from '../src/domain/workspace.js';
import { timeOffSources } from '../src/domain/time-off.js';

export const pocs = sqliteTable(
  'pocs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    /** The Enterprise Grid org of the team ('' when none): with team_id, whose token its posts use. */
    enterpriseId: text('enterprise_id').notNull().default(''),
    channelId: text('channel_id').notNull(),
    kind: text('kind', { enum: pocKinds }).notNull(),
    name: text('name').notNull(),
    hypothesis: text('hypothesis').notNull().default(''),
    stage: text('stage', {
      enum: stages,
    }).notNull(),
    timeZone: text('time_zone').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    readoutDate: text('readout_date').notNull(),
    checkpointWeekday: integer('checkpoint_weekday').notNull(),
    standupTime: text('standup_time').notNull(),
    // Where each side's public holidays come from (ISO 3166 codes); null on POCs from before they were asked.
    vendorCountry: text('vendor_country'),
    vendorRegion: text('vendor_region'),
    customerCountry: text('customer_country'),
    customerRegion: text('customer_region'),
    longOverride: integer('long_override', { mode: 'boolean' }).notNull().default(false),
    evaluatorId: text('evaluator_id').notNull(),
    economicBuyerId: text('economic_buyer_id'),
    aeId: text('ae_id').notNull(),
    seId: text('se_id').notNull(),
    championId: text('champion_id'),
    procurementId: text('procurement_id'),
    escalationChannelId: text('escalation_channel_id'),
    nextStep: text('next_step').notNull().default(''),
    outOfScope: text('out_of_scope').notNull().default(''),
    metricName: text('metric_name'),
    metricBaseline: real('metric_baseline'),
    metricTarget: real('metric_target'),
    metricUnit: text('metric_unit'),
    metricMeasured: real('metric_measured'),
    metricNote: text('metric_note'),
    silenceNudgeDays: integer('silence_nudge_days').notNull().default(2),
    silenceEscalateDays: integer('silence_escalate_days').notNull().default(4),
    documentTs: text('document_ts'),
    scoreboardTs: text('scoreboard_ts'),
    signedOffBy: text('signed_off_by'),
    signedOffAt: text('signed_off_at'),
    /** Set when something signed changed after sign-off (a material change); cleared when the lead signs again. */
    changedSinceSignoffAt: text('changed_since_signoff_at'),
    /** When the lead last signed the document again after such a change (`signed_off_at` stays the first sign-off). */
    resignedOffAt: text('resigned_off_at'),
    /** Whether the channel is shared with another organization (Slack Connect), as last checked; null: unknown. */
    channelShared: integer('channel_shared', { mode: 'boolean' }),
    pausedUntil: text('paused_until'),
    pauseReason: text('pause_reason'),
    outcomeReason: text('outcome_reason'),
    /** When `/poc readout` last posted the readout in the channel (the POC may stay open after it). */
    readoutPostedAt: text('readout_posted_at'),
    closedAt: text('closed_at'),
    jobsHaltedReason: text('jobs_halted_reason'),
    /**
     * When the scheduler must next look at this POC (UTC ISO instant): its next standup time or
     * local midnight, as the tick computed it. Triggers (migration 'next_due') set it to
     * dueAtOnce whenever a fact the jobs plan from changes, so the next tick plans it again.
     */
    nextDueAt: text('next_due_at').default('1970-01-01T00:00:00.000Z'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    // One POC that is not closed per channel (DESIGN.md, Lifecycle).
    uniqueIndex('pocs_open_channel').on(t.teamId, t.channelId).where(sql`closed_at IS NULL`),
    index('pocs_stage').on(t.stage),
    index('pocs_se').on(t.teamId, t.seId),
    index('pocs_ae').on(t.teamId, t.aeId),
    // The tick reads only the open POCs due by now.
    index('pocs_next_due').on(t.nextDueAt).where(sql`closed_at IS NULL`),
    // The channel's POCs closed before, newest first: what a command there says when none is open.
    index('pocs_channel_closed').on(t.teamId, t.channelId, t.closedAt).where(sql`closed_at IS NOT NULL`),
  ],
);

export const criteria = sqliteTable(
  'criteria',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    statement: text('statement').notNull(),
    threshold: text('threshold').notNull().default(''),
    category: text('category', {
      enum: categories,
    }).notNull(),
    messageTs: text('message_ts'),
    droppedAt: text('dropped_at'),
    droppedReason: text('dropped_reason'),
    /** Goes up when the statement or threshold changes: only the current revision's calls stand. */
    revision: integer('revision').notNull().default(1),
  },
  (t) => [uniqueIndex('criteria_position').on(t.pocId, t.position), index('criteria_message').on(t.messageTs)],
);

/**
 * The latest state of every pass/fail/partial reaction on a criterion message, per person, reaction
 * and revision of the criterion; the domain decides whose counts. A removal is kept as a tombstone
 * (`removed`), and each row keeps the Slack ts of the event that set it, so an event delivered late
 * (older ts) never overrides a newer one: a removal that arrives before its addition still wins.
 */
export const criterionVotes = sqliteTable(
  'criterion_votes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    role: text('role', { enum: voterRoles }).notNull(),
    result: text('result', { enum: voteResults }).notNull(),
    reaction: text('reaction').notNull(),
    votedAt: text('voted_at').notNull(),
    /** The Slack ts of the event that set this state (the order reactions happened in). */
    eventTs: text('event_ts').notNull().default(''),
    removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
    /** The criterion's revision when the call was made. */
    revision: integer('revision').notNull().default(1),
  },
  (t) => [uniqueIndex('criterion_votes_state').on(t.criterionId, t.revision, t.userId, t.reaction)],
);

/** The customer's evaluation team of a POC: the lead (also `pocs.evaluator_id`) and the other evaluators. */
export const pocEvaluators = sqliteTable(
  'poc_evaluators',
  {
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    role: text('role', { enum: evaluatorRoles }).notNull(),
    addedAt: text('added_at').notNull(),
    /** Where the member is in the team as named (the lead 0, then the others in the SE's order). */
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('poc_evaluators_unique').on(t.pocId, t.userId)],
);

/** The latest ✅ state per person on a POC's criteria document, ordered by event ts like votes. */
export const signoffReactions = sqliteTable(
  'signoff_reactions',
  {
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    reaction: text('reaction').notNull(),
    eventTs: text('event_ts').notNull(),
    removed: integer('removed', { mode: 'boolean' }).notNull(),
  },
  (t) => [uniqueIndex('signoff_reactions_unique').on(t.pocId, t.userId, t.reaction)],
);

export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    text: text('text').notNull(),
    messageTs: text('message_ts').notNull(),
    permalink: text('permalink'),
    postedAt: text('posted_at').notNull(),
  },
  (t) => [uniqueIndex('evidence_message').on(t.criterionId, t.messageTs)],
);

export const pocIssues = sqliteTable(
  'poc_issues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    severity: text('severity', { enum: severities }),
    workaround: text('workaround'),
    openedBy: text('opened_by').notNull(),
    openedAt: text('opened_at').notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: text('resolved_at'),
  },
  (t) => [uniqueIndex('poc_issues_number').on(t.pocId, t.number)],
);

export const scopeRequests = sqliteTable(
  'scope_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    decision: text('decision', { enum: scopeDecisions }).notNull(),
    newEndDate: text('new_end_date'),
    droppedCriterionId: integer('dropped_criterion_id'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: text('requested_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
  },
  (t) => [index('scope_requests_poc').on(t.pocId)],
);

export const extensions = sqliteTable(
  'extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    previousEndDate: text('previous_end_date').notNull(),
    newEndDate: text('new_end_date').notNull(),
    reason: text('reason').notNull(),
    criterionPositions: text('criterion_positions').notNull(), // JSON array of numbers
    requestedBy: text('requested_by').notNull(),
    requestedAt: text('requested_at').notNull(),
    /** granted: the dates moved; awaiting_approval: a second extension waiting for the AE; declined: the AE said no. */
    status: text('status', { enum: extensionStatuses }).notNull().default('granted'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    previousReadoutDate: text('previous_readout_date'),
    newReadoutDate: text('new_readout_date'),
  },
  (t) => [index('extensions_poc').on(t.pocId)],
);

export const pauses = sqliteTable(
  'pauses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    fromDate: text('from_date').notNull(),
    untilDate: text('until_date').notNull(),
    reason: text('reason').notNull(),
    pausedBy: text('paused_by').notNull(),
    resumedAt: text('resumed_at'),
  },
  (t) => [index('pauses_poc').on(t.pocId)],
);

export const holidays = sqliteTable(
  'holidays',
  {
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
  },
  (t) => [uniqueIndex('holidays_unique').on(t.pocId, t.date)],
);

/**
 * A person's time off, days from and to inclusive: `/poc away`, or a Slack status that said they
 * were away. A person's, not a POC's: away is away in every POC they are on. `pocId` is where it
 * was recorded (for the list in that channel).
 */
export const timeOff = sqliteTable(
  'time_off',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    note: text('note').notNull().default(''),
    source: text('source', { enum: timeOffSources }).notNull(),
    pocId: integer('poc_id').references(() => pocs.id, { onDelete: 'set null' }),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('time_off_unique').on(t.teamId, t.userId, t.fromDate, t.toDate),
    index('time_off_user').on(t.userId, t.toDate),
  ],
);

/**
 * What users.info last said of a person: their zone (for working hours) and status (away for the
 * day?). A cache: a DM's hold and a silence nudge's check read it, and ask Slack again only when
 * it is older than they accept, so a tick makes few calls and `npm run tick` processes share it.
 */
export const slackProfiles = sqliteTable(
  'slack_profiles',
  {
    /** The workspace whose bot asked: each workspace's view of a person (an external user's may be reduced) is its own. */
    teamId: text('team_id').notNull().default(''),
    userId: text('user_id').notNull(),
    tz: text('tz'),
    statusText: text('status_text').notNull().default(''),
    statusEmoji: text('status_emoji').notNull().default(''),
    statusExpiration: integer('status_expiration').notNull().default(0),
    fetchedAt: text('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

/**
 * Each place's public holidays per year, as the calendar package computed them (JSON list of
 * { date, name }). Stored so a tick reads a few rows instead of loading the package: its answers
 * for a past or current year do not change (a new package version may correct a future year: the
 * rows are dropped when the package's version changes, see services/holiday-calendar.ts).
 */
export const publicHolidayYears = sqliteTable(
  'public_holiday_years',
  {
    country: text('country').notNull(),
    /** '' for the whole country. */
    region: text('region').notNull().default(''),
    year: integer('year').notNull(),
    days: text('days').notNull(),
    /** The date-holidays version that computed it. */
    source: text('source').notNull(),
  },
  (t) => [uniqueIndex('public_holiday_years_place').on(t.country, t.region, t.year)],
);

/** Changes to the criteria document; those after sign-off are announced in the channel. */
export const pocChanges = sqliteTable(
  'poc_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    before: text('before'),
    after: text('after'),
    afterSignoff: integer('after_signoff', { mode: 'boolean' }).notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('poc_changes_poc').on(t.pocId)],
);

/** `/poc decision <text>`: decisions taken during the POC, carried into the hand-off. */
export const pocDecisions = sqliteTable(
  'poc_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [index('poc_decisions_poc').on(t.pocId)],
);

/**
 * Activity per user per local day, not per message, so a year of a busy channel stays small.
 * `lastTs` is the newest Slack timestamp of that user's activity that day.
 */
export const activity = sqliteTable(
  'activity',
  {
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    day: text('day').notNull(),
    firstTs: text('first_ts').notNull(),
    lastTs: text('last_ts').notNull(),
    messages: integer('messages').notNull().default(0),
    reactions: integer('reactions').notNull().default(0),
  },
  (t) => [
    uniqueIndex('activity_unique').on(t.pocId, t.userId, t.day),
    // Each tick reads every open POC's evaluator's newest activity: max(last_ts) is then the end
    // of one index range, not a look at each of their days' rows (11 ms instead of 29 over 10,000).
    index('activity_last').on(t.pocId, t.userId, t.lastTs),
  ],
);

/** Replies in a standup's thread and clicks on a checkpoint, keyed to the post they answer. */
export const answers = sqliteTable(
  'answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    outboxKey: text('outbox_key').notNull(),
    kind: text('kind', { enum: answerKinds }).notNull(),
    userId: text('user_id').notNull(),
    value: text('value').notNull(),
    messageTs: text('message_ts'),
    answeredAt: text('answered_at').notNull(),
  },
  (t) => [
    index('answers_poc').on(t.pocId, t.kind),
    uniqueIndex('answers_unique').on(t.outboxKey, t.userId, t.messageTs),
  ],
);

/**
 * Every Slack request pocbot acknowledges, stored before its 200 goes out (domain/inbox.ts): work
 * is done from here, and what a crash left unfinished is done at the next start. `key` makes a
 * delivery count once: `event:<event_id>` (Slack retries an event under the same id), or for a
 * command or a click its trigger_id (a replayed signed request carries the same one).
 */
export const inbox = sqliteTable(
  'inbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    kind: text('kind', { enum: inboxKinds }).notNull(),
    /** The request's parsed body as JSON, to run it again; emptied once done. */
    body: text('body').notNull(),
    retryNum: integer('retry_num'),
    retryReason: text('retry_reason'),
    receivedAt: text('received_at').notNull(),
    status: text('status', { enum: inboxStatuses }).notNull(),
    /** Failed tries of its work. */
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    doneAt: text('done_at'),
    /**
     * When the process doing its work last said it still is (every 30 s, on PostgreSQL): a
     * pending row that no replica has vouched for in two minutes is taken up by another.
     */
    aliveAt: text('alive_at'),
  },
  (t) => [
    uniqueIndex('inbox_key').on(t.key),
    // What a start finds unfinished: only the pending rows, in the order they came.
    index('inbox_pending').on(t.id).where(sql`status = 'pending'`),
    // The tick drops finished rows past the retry window.
    index('inbox_received').on(t.receivedAt),
  ],
);

/**
 * Every scheduled post, DM and escalation goes through here. `key` is the business key
 * (POC + kind + local date…), unique, so a second tick for the same instant inserts nothing.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    pocId: integer('poc_id').references(() => pocs.id, { onDelete: 'cascade' }),
    /** The workspace whose token posts it (its POC's, filled in on insert): paced and rate limited per workspace. */
    teamId: text('team_id').notNull().default(''),
    enterpriseId: text('enterprise_id').notNull().default(''),
    kind: text('kind').notNull(),
    /** A channel id, or a user id for a DM (the gateway opens the DM). */
    target: text('target').notNull(),
    threadTs: text('thread_ts'),
    payload: text('payload').notNull(), // JSON: { text, blocks? }
    dueAt: text('due_at').notNull(),
    /** After this instant a still-pending row is skipped, not sent late (a standup whose local day is over). */
    expiresAt: text('expires_at'),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'skipped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    sentChannel: text('sent_channel'),
    sentTs: text('sent_ts'),
    error: text('error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    /**
     * Among rows due at the same instant, lower first: nudges and escalations (1) give way to the
     * posts a channel expects at a set time (0), whichever tick queued those (the calendar queues
     * a long morning a few hundred at a time, see jobs/calendars.ts).
     */
    rank: integer('rank').notNull().default(0),
  },
  (t) => [
    uniqueIndex('outbox_key').on(t.key),
    // The dispatcher's queue order (due(): next attempt, rank, id), read from the index.
    index('outbox_pending').on(t.status, t.nextAttemptAt, t.rank),
    // Looked up by the message a click or a thread reply names: only rows that were sent have one.
    index('outbox_sent_ts').on(t.sentChannel, t.sentTs).where(sql`sent_ts IS NOT NULL`),
    // The tick reads each open POC's sent standups (fatigue); without it, every sent row ever.
    index('outbox_poc_kind').on(t.pocId, t.kind, t.status),
  ],
);

/** Nudges and escalations: what was sent to whom, and what they chose to do about it. */
export const nudges = sqliteTable(
  'nudges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    level: integer('level').notNull().default(1),
    recipientId: text('recipient_id').notNull(),
    localDate: text('local_date').notNull(),
    detail: text('detail').notNull().default(''),
    createdAt: text('created_at').notNull(),
    outcome: text('outcome', { enum: nudgeOutcomes }),
    outcomeBy: text('outcome_by'),
    outcomeAt: text('outcome_at'),
    snoozedUntil: text('snoozed_until'),
    /** What the nudge is about (a quiet spell's last-activity ts, a standup streak, an end date…): each fires once per episode. */
    episode: text('episode').notNull().default(''),
    /** 'sent' as its own DM; 'deferred' over the day's budget; 'folded' into the DM of `carriedBy`; 'withdrawn' not sent after all (NudgeStatus). */
    status: text('status', { enum: nudgeStatuses }).notNull().default('sent'),
    carriedBy: text('carried_by'),
  },
  (t) => [
    uniqueIndex('nudges_key').on(t.key),
    index('nudges_recipient').on(t.recipientId, t.localDate),
    index('nudges_poc_kind').on(t.pocId, t.kind),
    // A DM is built when it is sent, with the nudges folded into it: looked up by carried_by.
    index('nudges_carried_by').on(t.carriedBy).where(sql`carried_by IS NOT NULL`),
  ],
);

/** Things seen in events that a later tick turns into a nudge (vague pushback in an evaluator's message). */
export const nudgeSignals = sqliteTable(
  'nudge_signals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pocId: integer('poc_id')
      .notNull()
      .references(() => pocs.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    userId: text('user_id').notNull(),
    messageTs: text('message_ts').notNull(),
    detail: text('detail').notNull(),
    createdAt: text('created_at').notNull(),
    /** The key of the nudge that reported it; null while pending. */
    consumedBy: text('consumed_by'),
  },
  (t) => [uniqueIndex('nudge_signals_unique').on(t.pocId, t.kind, t.messageTs)],
);

/**
 * Each workspace the app has been installed in, and whether it still is: uninstalled, or its bot
 * token revoked, its POCs' jobs stop (their data stays) until it is installed again. Keyed by team
 * and Enterprise Grid org ('' when none).
 */
export const workspaces = sqliteTable(
  'workspaces',
  {
    enterpriseId: text('enterprise_id').notNull().default(''),
    teamId: text('team_id').notNull(),
    state: text('state', { enum: workspaceStates }).notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.teamId] })],
);

/** The bot's one greeting in each channel it joins: claimed before it is posted, so it goes out once. */
export const channelGreetings = sqliteTable(
  'channel_greetings',
  {
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    /** The greeting's ts once posted; null while it is being posted. */
    messageTs: text('message_ts'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.channelId] })],
);

/** Who has opened the App Home before: the first visit shows the onboarding. */
export const homeVisits = sqliteTable(
  'home_visits',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    firstAt: text('first_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

/**
 * Each workspace (or Enterprise Grid org, for an org-wide install: team_id '') that installed the
 * app through OAuth, as Bolt's InstallationStore hands it over. The bot token and the whole
 * installation (which holds every token) are encrypted (AES-256-GCM, TOKEN_ENCRYPTION_KEY):
 * a copy of the database file alone gives no token.
 */
export const installations = sqliteTable(
  'installations',
  {
    enterpriseId: text('enterprise_id').notNull().default(''),
    teamId: text('team_id').notNull().default(''),
    isEnterpriseInstall: integer('is_enterprise_install', { mode: 'boolean' }).notNull().default(false),
    /** Encrypted: `v1:<iv>:<tag>:<ciphertext>`, base64 (store/token-cipher.ts). */
    botToken: text('bot_token').notNull(),
    botUserId: text('bot_user_id').notNull(),
    botId: text('bot_id').notNull(),
    scopes: text('scopes').notNull().default(''),
    installerUserId: text('installer_user_id'),
    /** The whole installation as Bolt gives it (JSON), encrypted like the bot token. */
    installation: text('installation').notNull(),
    installedAt: text('installed_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.teamId] })],
);
