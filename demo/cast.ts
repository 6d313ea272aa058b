// Who and where in the demo: a vendor team running a two-week PoV with Acme in a Slack Connect
// channel (Acme's evaluation team of two: Dana, the lead, and Sam), and the PoV as the SE types it
// into the `/poc new` modal.
import type { PocDraftInput } from '../src/domain/poc-draft.js';
import type { FakeSlack } from '../testkit/fake-slack.js';
import type { Names } from './render.js';

export const zone = 'America/New_York';
export const customerTeam = 'T0ACME';

export const people = {
  priya: { id: 'U0PRIYA', name: 'priya', realName: 'Priya Shah', role: 'sales engineer', tz: zone, external: false },
  marcus: {
    id: 'U0MARCUS',
    name: 'marcus',
    realName: 'Marcus Lee',
    role: 'account executive',
    tz: 'America/Chicago',
    external: false,
  },
  dana: {
    id: 'W0DANA',
    name: 'dana',
    realName: 'Dana Kim',
    role: 'lead technical evaluator, Acme (Slack Connect)',
    tz: zone,
    external: true,
  },
  sam: {
    id: 'W0SAM',
    name: 'sam',
    realName: 'Sam Okafor',
    role: 'evaluator, Acme identity team (Slack Connect)',
    tz: zone,
    external: true,
  },
  robert: {
    id: 'W0ROBERT',
    name: 'robert',
    realName: 'Robert Chen',
    role: 'economic buyer, Acme (VP Finance)',
    tz: zone,
    external: true,
  },
  lena: {
    id: 'W0LENA',
    name: 'lena',
    realName: 'Lena Ortiz',
    role: 'champion, Acme (Director of FP&A)',
    tz: zone,
    external: true,
  },
} as const;

export const channels = {
  pov: { id: 'C0ACMEPOV', name: 'acme-pov', about: 'shared with Acme through Slack Connect', extShared: true },
  deal: {
    id: 'C0ACMEDEAL',
    name: 'acme-deal',
    about: 'internal: the deal team, used for escalations',
    extShared: false,
  },
} as const;

/** Registers the cast in the local Slack so users.info and conversations answer with them. */
export function seatCast(fake: FakeSlack): void {
  for (const p of Object.values(people)) {
    fake.addUser({
      id: p.id,
      name: p.name,
      real_name: p.realName,
      tz: p.tz,
      ...(p.external ? { team_id: customerTeam } : {}),
    });
  }
  for (const c of Object.values(channels)) fake.addChannel({ id: c.id, name: c.name, extShared: c.extShared });
}

/** Ids as a reader sees them: real names for people, #names for channels. */
export function castNames(botUserId: string): Names & { zone: string } {
  const users = new Map<string, string>(Object.values(people).map((p) => [p.id, p.realName]));
  users.set(botUserId, 'pocbot');
  const chans = new Map<string, string>(Object.values(channels).map((c) => [c.id, c.name]));
  return {
    zone,
    user: (id) => users.get(id) ?? id,
    channel: (id) => chans.get(id) ?? id,
  };
}

/** The PoV Priya types into the modal. */
export const acmePov: PocDraftInput = {
  kind: 'pov',
  name: 'Acme analytics PoV',
  hypothesis: 'Acme can close the books in 1 day instead of 5 by running month-end reporting on our pipeline.',
  metricName: 'Month-end close',
  metricBaseline: '5',
  metricTarget: '1',
  metricUnit: 'days',
  criteria: [
    {
      statement: 'Ingest the 12 million-row GL extract from Snowflake in under 15 minutes',
      threshold: '15 minutes',
      category: 'performance',
    },
    {
      statement: 'The 8 month-end dashboards load in under 2 seconds at p95 with 40 concurrent users',
      threshold: '2 s p95',
      category: 'performance',
    },
    {
      statement: 'Okta SSO signs in all 25 pilot users with their existing groups',
      threshold: '25 of 25 users',
      category: 'integration',
    },
    {
      statement: 'Two analysts produce the full close pack in 1 business day',
      threshold: '1 day',
      category: 'business',
    },
  ],
  outOfScope: 'Migrating historical data before 2024; the legacy Hyperion reports; on-prem deployment.',
  startDate: '2026-11-30',
  endDate: '2026-12-11',
  readoutDate: '2026-12-14',
  checkpointWeekday: '5',
  standupTime: '09:30',
  timeZone: zone,
  daysOff: '',
  vendorCountry: 'US',
  customerCountry: 'US',
  regions: '',
  longOverride: false,
  evaluatorId: people.dana.id,
  evaluatorIds: [people.sam.id],
  economicBuyerId: people.robert.id,
  aeId: people.marcus.id,
  seId: people.priya.id,
  championId: people.lena.id,
  procurementId: undefined,
  escalationChannelId: channels.deal.id,
  nextStep: 'Order form for 150 seats, signed by Robert Chen before Dec 23',
};
