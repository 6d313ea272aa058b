// A SQLite database with rows in every table, for tests that move or compare whole databases
// (db:copy). Two POCs from the fixtures, then rows written straight through the schema, chosen
// to carry what a copy could get wrong: nulls beside values, booleans both ways, fractional
// numbers, a Unix time past 2038, quotes, newlines and emoji, ids with gaps.
import { getTableName, is, Table } from 'drizzle-orm';
import * as schema from '../../db/schema.js';
import type { Store } from '../../src/store/index.js';
import { pocRow, seedPoc } from '../../testkit/fixtures.js';

const at = '2026-11-24T15:00:00.000Z';
const awkward = 'It\'s "fine" — really;\nsecond line 🎉 \\ 100%';

export async function seedEveryTable(store: Store): Promise<void> {
  const { poc, criteria } = await seedPoc(store);
  // A closed POC in another channel, with the values the first leaves null, and a gap in the ids.
  const closed = await store.pocs.insert(
    pocRow({
      channelId: 'C0CLOSED',
      kind: 'poc',
      stage: 'won',
      vendorCountry: 'US',
      vendorRegion: 'CA',
      customerCountry: 'DE',
      customerRegion: 'BY',
      longOverride: true,
      economicBuyerId: null,
      championId: null,
      metricMeasured: 1.25,
      metricNote: awkward,
      channelShared: null,
      closedAt: at,
      outcomeReason: awkward,
    }),
  );
  const [c1, c2] = criteria as [(typeof criteria)[number], (typeof criteria)[number]];
  const db = store.db;
  db.insert(schema.criterionVotes)
    .values([
      {
        criterionId: c1.id,
        userId: 'W0EVAL',
        role: 'lead',
        result: 'pass',
        reaction: 'white_check_mark',
        votedAt: at,
        eventTs: '1763910100.000100',
        removed: false,
      },
      {
        id: 40,
        criterionId: c2.id,
        userId: 'U0SE',
        role: 'vendor',
        result: 'partial',
        reaction: 'warning',
        votedAt: at,
        removed: true,
        revision: 2,
      },
    ])
    .run();
  // The lead is on the team already (pocs.insert puts them there).
  db.insert(schema.pocEvaluators).values({ pocId: poc.id, userId: 'W0EVAL2', role: 'evaluator', addedAt: at }).run();
  db.insert(schema.signoffReactions)
    .values({
      pocId: poc.id,
      userId: 'W0EVAL',
      reaction: 'white_check_mark',
      eventTs: '1763910000.000200',
      removed: false,
    })
    .run();
  db.insert(schema.evidence)
    .values([
      {
        criterionId: c1.id,
        userId: 'W0EVAL',
        text: awkward,
        messageTs: '1763910200.000100',
        permalink: 'https://example.slack.com/archives/C0ACME/p1763910200000100',
        postedAt: at,
      },
      {
        criterionId: c2.id,
        userId: 'U0SE',
        text: 'numbers attached',
        messageTs: '1763910300.000100',
        permalink: null,
        postedAt: at,
      },
    ])
    .run();
  db.insert(schema.pocIssues)
    .values([
      {
        pocId: poc.id,
        number: 1,
        text: 'SSO loops',
        severity: 'blocker',
        workaround: null,
        openedBy: 'W0EVAL',
        openedAt: at,
      },
      {
        pocId: poc.id,
        number: 2,
        text: awkward,
        severity: null,
        workaround: 'reload',
        openedBy: 'U0SE',
        openedAt: at,
        resolvedBy: 'U0SE',
        resolvedAt: at,
      },
    ])
    .run();
  db.insert(schema.scopeRequests)
    .values({
      pocId: poc.id,
      text: 'Add Tableau export',
      decision: 'accepted',
      newEndDate: '2026-12-11',
      droppedCriterionId: c2.id,
      requestedBy: 'W0EVAL',
      requestedAt: at,
      decidedBy: 'U0AE',
      decidedAt: at,
    })
    .run();
  db.insert(schema.extensions)
    .values({
      pocId: poc.id,
      previousEndDate: '2026-12-04',
      newEndDate: '2026-12-11',
      reason: awkward,
      criterionPositions: '[1,3]',
      requestedBy: 'U0SE',
      requestedAt: at,
      status: 'awaiting_approval',
      previousReadoutDate: '2026-12-07',
      newReadoutDate: '2026-12-14',
    })
    .run();
  db.insert(schema.pauses)
    .values({
      pocId: poc.id,
      fromDate: '2026-11-26',
      untilDate: '2026-11-27',
      reason: 'Thanksgiving',
      pausedBy: 'U0SE',
      resumedAt: null,
    })
    .run();
  db.insert(schema.holidays).values({ pocId: poc.id, date: '2026-11-26' }).run();
  db.insert(schema.timeOff)
    .values([
      {
        teamId: 'T0VENDOR',
        userId: 'U0SE',
        fromDate: '2026-12-01',
        toDate: '2026-12-02',
        note: awkward,
        source: 'command',
        pocId: poc.id,
        createdBy: 'U0SE',
        createdAt: at,
      },
      {
        teamId: 'T0CUSTOMER',
        userId: 'W0EVAL',
        fromDate: '2026-12-03',
        toDate: '2026-12-03',
        source: 'slack_status',
        pocId: null,
        createdBy: 'W0EVAL',
        createdAt: at,
      },
    ])
    .run();
  db.insert(schema.slackProfiles)
    .values([
      {
        teamId: 'T0VENDOR',
        userId: 'W0EVAL',
        tz: 'Europe/Berlin',
        statusText: 'Vacationing',
        statusEmoji: ':palm_tree:',
        statusExpiration: 4_102_444_800,
        fetchedAt: at,
      },
      { userId: 'U0SE', tz: null, fetchedAt: at },
    ])
    .run();
  db.insert(schema.publicHolidayYears)
    .values([
      {
        country: 'US',
        year: 2026,
        days: JSON.stringify([{ date: '2026-11-26', name: 'Thanksgiving Day' }]),
        source: 'date-holidays@3.37.0',
      },
      { country: 'DE', region: 'BY', year: 2026, days: '[]', source: 'date-holidays@3.37.0' },
    ])
    .run();
  db.insert(schema.pocChanges)
    .values([
      {
        pocId: poc.id,
        field: 'end_date',
        before: '2026-12-04',
        after: '2026-12-11',
        afterSignoff: true,
        changedBy: 'U0SE',
        changedAt: at,
      },
      {
        pocId: poc.id,
        field: 'next_step',
        before: null,
        after: awkward,
        afterSignoff: false,
        changedBy: 'U0SE',
        changedAt: at,
      },
    ])
    .run();
  db.insert(schema.pocDecisions).values({ pocId: poc.id, text: awkward, decidedBy: 'U0AE', decidedAt: at }).run();
  db.insert(schema.activity)
    .values([
      {
        pocId: poc.id,
        userId: 'W0EVAL',
        day: '2026-11-24',
        firstTs: '1763990000.000100',
        lastTs: '1763999999.000900',
        messages: 7,
        reactions: 2,
      },
      {
        pocId: closed.id,
        userId: 'U0SE',
        day: '2026-11-24',
        firstTs: '1763990000.000100',
        lastTs: '1763990000.000100',
      },
    ])
    .run();
  db.insert(schema.answers)
    .values([
      {
        pocId: poc.id,
        outboxKey: `standup:${poc.id}:2026-11-24`,
        kind: 'standup',
        userId: 'W0EVAL',
        value: awkward,
        messageTs: '1763990100.000100',
        answeredAt: at,
      },
      {
        pocId: poc.id,
        outboxKey: `checkpoint:${poc.id}:2026-11-27`,
        kind: 'checkpoint',
        userId: 'W0EVAL',
        value: 'on_track',
        messageTs: null,
        answeredAt: at,
      },
    ])
    .run();
  db.insert(schema.inbox)
    .values([
      {
        key: 'event:Ev0001',
        kind: 'event',
        body: JSON.stringify({ text: awkward }),
        retryNum: 1,
        retryReason: 'http_timeout',
        receivedAt: at,
        status: 'pending',
      },
      {
        id: 1000,
        key: 'trigger:1.2.3',
        kind: 'command',
        body: '',
        receivedAt: at,
        status: 'done',
        attempts: 1,
        error: null,
        doneAt: at,
      },
    ])
    .run();
  db.insert(schema.outbox)
    .values([
      {
        key: `standup:${poc.id}:2026-11-25`,
        pocId: poc.id,
        kind: 'standup',
        target: 'C0ACME',
        payload: JSON.stringify({ text: awkward }),
        dueAt: at,
        expiresAt: '2026-11-26T05:00:00.000Z',
        status: 'pending',
        nextAttemptAt: at,
        createdAt: at,
      },
      {
        key: 'dm:U0SE:2026-11-24',
        pocId: null,
        kind: 'nudge_dm',
        target: 'U0SE',
        threadTs: '1763990000.000100',
        payload: '{"text":"hi"}',
        dueAt: at,
        status: 'sent',
        attempts: 2,
        nextAttemptAt: at,
        sentChannel: 'D0SE',
        sentTs: '1763990500.000100',
        error: 'ratelimited',
        createdAt: at,
        sentAt: at,
        rank: 1,
      },
    ])
    .run();
  db.insert(schema.nudges)
    .values([
      {
        key: `silence:${poc.id}:W0EVAL:1`,
        pocId: poc.id,
        kind: 'silence',
        level: 2,
        recipientId: 'U0SE',
        localDate: '2026-11-24',
        detail: awkward,
        createdAt: at,
        outcome: 'snoozed',
        outcomeBy: 'U0SE',
        outcomeAt: at,
        snoozedUntil: '2026-11-26',
        episode: '1763990000.000100',
        status: 'folded',
        carriedBy: 'dm:U0SE:2026-11-24',
      },
      {
        key: `standup_streak:${poc.id}:1`,
        pocId: poc.id,
        kind: 'standup_streak',
        recipientId: 'U0SE',
        localDate: '2026-11-24',
        createdAt: at,
      },
    ])
    .run();
  db.insert(schema.nudgeSignals)
    .values({
      pocId: poc.id,
      kind: 'pushback',
      userId: 'W0EVAL',
      messageTs: '1763990200.000100',
      detail: 'not sure this is worth it',
      createdAt: at,
      consumedBy: null,
    })
    .run();
  db.insert(schema.workspaces)
    .values([
      { teamId: 'T0VENDOR', state: 'installed', changedAt: at },
      { enterpriseId: 'E0GRID', teamId: 'T0OTHER', state: 'tokens_revoked', changedAt: at },
    ])
    .run();
  db.insert(schema.channelGreetings)
    .values([
      { teamId: 'T0VENDOR', channelId: 'C0ACME', messageTs: '1763900000.000100', createdAt: at },
      { teamId: 'T0VENDOR', channelId: 'C0NEW', messageTs: null, createdAt: at },
    ])
    .run();
  db.insert(schema.homeVisits).values({ teamId: 'T0VENDOR', userId: 'U0SE', firstAt: at }).run();
  // Ciphertext as the store writes it (opaque text to a copy): a team install and an org-wide one.
  db.insert(schema.installations)
    .values([
      {
        teamId: 'T0VENDOR',
        botToken: 'v1:aXY=:dGFn:Y2lwaGVy',
        botUserId: 'U0POCBOT',
        botId: 'B0POCBOT',
        scopes: 'chat:write,commands',
        installerUserId: 'U0SE',
        installation: 'v1:aXY=:dGFn:e30=',
        installedAt: at,
        updatedAt: at,
      },
      {
        enterpriseId: 'E0GRID',
        isEnterpriseInstall: true,
        botToken: 'v1:aXY=:dGFn:b3Jn',
        botUserId: 'U0ORGBOT',
        botId: 'B0ORGBOT',
        installerUserId: null,
        installation: awkward,
        installedAt: at,
        updatedAt: at,
      },
    ])
    .run();
}

/** The name of every table in the SQLite schema. */
export function everyTableName(): string[] {
  return Object.values(schema as Record<string, unknown>)
    .filter((t): t is Table => is(t, Table))
    .map((t) => getTableName(t));
}
