// Data for the tick and readout benchmarks, written through the store (SQL stays in src/store).
import { addDays, type LocalDate } from '../src/domain/calendar.js';
import type { Store } from '../src/store/index.js';
import { scheduledKeys } from '../src/jobs/planner.js';
import { seedPoc } from '../testkit/fixtures.js';
import { ensurePublicHolidays } from '../src/services/holiday-calendar.js';

/** Mid-morning UTC on a local day, as a Slack ts. */
function tsOn(day: LocalDate, seq: number): string {
  return `${Math.floor(Date.parse(`${day}T15:00:00Z`) / 1000) + seq}.000100`;
}

const businessDays = (from: LocalDate, to: LocalDate): LocalDate[] => {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
};

export interface TickScenario {
  /** The instant of the tick: 09:30 in New York on `day`. */
  now: Date;
  day: LocalDate;
  what: string;
}

/**
 * The POCs run from Mon Nov 16 to Fri Nov 27 (readout Mon Nov 30), weekly checkpoint on Fridays.
 * The tick is measured on two mornings: a Tuesday, when every standup is due, and a Friday, when
 * every weekly checkpoint is due as well (the default checkpoint day: the heaviest regular tick).
 */
export const tickScenarios = {
  standup: {
    now: new Date('2026-11-24T14:30:00Z'),
    day: '2026-11-24',
    what: 'Tuesday, day 7 of 10: every standup due',
  },
  checkpoint: {
    now: new Date('2026-11-20T14:30:00Z'),
    day: '2026-11-20',
    what: 'Friday, day 5 of 10: every standup and every weekly checkpoint due',
  },
} satisfies Record<string, TickScenario>;

export type TickScenarioName = keyof typeof tickScenarios;

export function isTickScenario(name: string): name is TickScenarioName {
  return name in tickScenarios;
}

const pocDates = { startDate: '2026-11-16', endDate: '2026-11-27', readoutDate: '2026-11-30' };
/**
 * Countries with no public holiday from the start to the readout (the vendor's Thanksgiving only
 * holds DMs), so the work due is the same as without them; i % 5 === 0 is Germany, with Bavaria.
 */
const customerCountries = ['DE', 'GB', 'FR', 'CA', 'NL'];

/** The people of the i-th seeded POC: its own evaluator, an SE for every two POCs, an AE for every eight. */
function seededPeopleOf(i: number) {
  return { evaluator: `W0EV${i}`, se: `U0SE${Math.floor(i / 2)}`, ae: `U0AE${Math.floor(i / 8)}` };
}

/** Everyone `seedActivePocs(count)` names, for the fake Slack to know (a DM to someone it does not know fails). */
export function seededUserIds(count: number): string[] {
  const ids = new Set<string>();
  for (let i = 0; i < count; i++) for (const id of Object.values(seededPeopleOf(i))) ids.add(id);
  return [...ids];
}

/**
 * `count` active POCs of 5 criteria each, in one zone so every standup falls due in the same
 * tick (the worst case), as they stand on the morning of the scenario's day. Activity on the
 * business days before it: the SE daily; the evaluator on most days, except 10% gone quiet 4
 * business days before (escalation due) and 5% 2 days before (nudge due). Two criteria decided, a
 * third partial on a third of them, one piece of evidence each. The standups of those days, sent;
 * the evaluator answered most of them, but 10% left the last 3 unanswered (the fatigue nudge is
 * due) and 10% answered none.
 */
export async function seedActivePocs(
  store: Store,
  count: number,
  scenario: TickScenario,
): Promise<{ pocs: number; rows: number }> {
  const days = businessDays(pocDates.startDate, addDays(scenario.day, -1));
  const quietLong = days[days.length - 4] ?? pocDates.startDate;
  const quietShort = days[days.length - 2] ?? pocDates.startDate;
  let rows = 0;
  const batch = 250;
  for (let from = 0; from < count; from += batch) {
    await store.transaction(async () => {
      for (let i = from; i < Math.min(count, from + batch); i++) {
        const { evaluator, se, ae } = seededPeopleOf(i);
        const { poc, criteria } = await seedPoc(store, {
          channelId: `CB${String(i).padStart(6, '0')}`,
          name: `PoV ${i}`,
          ...pocDates,
          signedOffAt: '2026-11-13T16:00:00.000Z',
          evaluatorId: evaluator,
          seId: se,
          aeId: ae,
          createdBy: se,
          escalationChannelId: `CESC${Math.floor(i / 8)}`,
          // Each side's public holidays, from a few countries and regions: the tick builds every
          // POC's calendars from them.
          vendorCountry: 'US',
          vendorRegion: i % 2 === 0 ? 'NY' : null,
          customerCountry: customerCountries[i % customerCountries.length] ?? 'US',
          customerRegion: i % 5 === 0 ? 'BY' : null,
        });
        rows += 1 + criteria.length;
        const quietFrom = i % 20 < 2 ? quietLong : i % 20 === 2 ? quietShort : '9999-12-31';
        for (const [d, day] of days.entries()) {
          await store.activity.record({ pocId: poc.id, userId: se, day, ts: tsOn(day, d * 10), kind: 'message' });
          rows++;
          if (day < quietFrom && (i + d) % 7 !== 0) {
            await store.activity.record({
              pocId: poc.id,
              userId: evaluator,
              day,
              ts: tsOn(day, d * 10 + 1),
              kind: d % 2 ? 'reaction' : 'message',
            });
            rows++;
          }
        }
        const decided = criteria.slice(0, i % 3 === 0 ? 3 : 2);
        for (const [k, c] of decided.entries()) {
          const partial = k === 2;
          await store.criteria.applyVote(
            {
              criterionId: c.id,
              userId: evaluator,
              role: 'lead',
              result: partial ? 'partial' : 'pass',
              reaction: partial ? 'large_yellow_circle' : 'white_check_mark',
              votedAt: '2026-11-19T15:00:00.000Z',
              eventTs: '1763564400.000100',
              revision: 1,
            },
            false,
          );
          rows++;
        }
        for (const [d, day] of days.entries()) {
          const key = scheduledKeys.standup(poc.id, day);
          const dueAt = new Date(`${day}T14:30:00Z`);
          await store.outbox.insertOne(
            {
              key,
              pocId: poc.id,
              kind: 'standup',
              target: poc.channelId,
              message: { text: `Standup for ${poc.name}` },
              dueAt,
            },
            dueAt,
          );
          const row = await store.outbox.byKey(key);
          if (row)
            await store.outbox.markSent(row.id, { channel: poc.channelId, ts: tsOn(day, d * 10 + 2), at: dueAt });
          rows++;
          const answeredNone = i % 10 === 5;
          const lastThreeUnanswered = i % 10 === 6 && d >= days.length - 3;
          if (!answeredNone && !lastThreeUnanswered && (i + d) % 4 !== 0) {
            await store.answers.addReply({
              pocId: poc.id,
              outboxKey: key,
              kind: 'standup',
              userId: evaluator,
              value: 'On track, load test tomorrow',
              messageTs: tsOn(day, d * 10 + 3),
              answeredAt: `${day}T16:00:00.000Z`,
            });
            rows++;
          }
        }
        const first = criteria[0];
        if (first) {
          await store.criteria.addEvidence({
            criterionId: first.id,
            userId: evaluator,
            text: 'Ingested 10M rows in 11 minutes',
            messageTs: tsOn('2026-11-19', 5),
            permalink: null,
            postedAt: '2026-11-19T15:00:05.000Z',
          });
          rows++;
        }
      }
    });
  }
  // As `/poc new` does once a POC is saved: each place's public holidays computed and stored.
  await ensurePublicHolidays(store, await store.pocs.listOpen());
  return { pocs: count, rows };
}

/** One POC with `criteriaCount` criteria, votes and evidence on most, and `activityRows` activity rows. */
export async function seedReadoutPoc(
  store: Store,
  criteriaCount: number,
  activityRows: number,
): Promise<{ pocId: number; teamId: string }> {
  const { poc, criteria } = await seedPoc(
    store,
    { startDate: '2026-01-05', endDate: '2026-02-27', readoutDate: '2026-03-02', longOverride: true },
    criteriaCount,
  );
  const users = 100;
  const daysNeeded = Math.ceil(activityRows / users);
  await store.transaction(async () => {
    for (const [k, c] of criteria.entries()) {
      if (k % 10 !== 9) {
        const result = k % 7 === 3 ? 'fail' : k % 5 === 4 ? 'partial' : 'pass';
        const reaction = result === 'pass' ? 'white_check_mark' : result === 'fail' ? 'x' : 'large_yellow_circle';
        await store.criteria.applyVote(
          {
            criterionId: c.id,
            userId: poc.evaluatorId,
            role: 'lead',
            result,
            reaction,
            votedAt: '2026-02-20T15:00:00.000Z',
            eventTs: '1771599600.000100',
            revision: 1,
          },
          false,
        );
        await store.criteria.applyVote(
          {
            criterionId: c.id,
            userId: 'W0CHAMP',
            role: 'other',
            result: 'pass',
            reaction: 'white_check_mark',
            votedAt: '2026-02-20T16:00:00.000Z',
            eventTs: '1771603200.000100',
            revision: 1,
          },
          false,
        );
      }
      for (let e = 0; e < 2; e++) {
        await store.criteria.addEvidence({
          criterionId: c.id,
          userId: poc.evaluatorId,
          text: `Run ${e + 1}: measured within the threshold, log attached (criterion ${k + 1})`,
          messageTs: `17700${String(k).padStart(3, '0')}${e}.000100`,
          permalink: `https://vendor.slack.com/archives/${poc.channelId}/p17700${String(k).padStart(3, '0')}${e}000100`,
          postedAt: '2026-02-19T15:00:00.000Z',
        });
      }
    }
    let written = 0;
    for (let d = 0; d < daysNeeded && written < activityRows; d++) {
      const day = addDays('2025-09-01', d);
      for (let u = 0; u < users && written < activityRows; u++) {
        await store.activity.record({
          pocId: poc.id,
          userId: u === 0 ? poc.evaluatorId : `W0U${u}`,
          day,
          ts: tsOn(day, u),
          kind: u % 3 ? 'message' : 'reaction',
        });
        written++;
      }
    }
  });
  return { pocId: poc.id, teamId: poc.teamId };
}
