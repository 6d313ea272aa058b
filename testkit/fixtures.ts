// A POC as it stands after `/poc new` and sign-off, written straight through the store, for
// tests of features that come after creation.
import type { Category, Criterion, Poc } from '../src/domain/poc.js';
import type { NewPoc } from '../src/store/pocs.js';
import type { Store } from '../src/store/index.js';

export const people = {
  se: 'U0SE',
  ae: 'U0AE',
  evaluator: 'W0EVAL', // an external Slack Connect user
  economicBuyer: 'W0EB',
  /** A second customer evaluator, on the team when a test names it (`evaluators.setTeam`). */
  evaluator2: 'W0EVAL2',
  champion: 'W0CHAMP',
  procurement: 'W0PROC',
  bystander: 'U0OTHER',
} as const;

export function pocRow(overrides: Partial<NewPoc> = {}): NewPoc {
  const now = '2026-11-23T15:00:00.000Z';
  return {
    teamId: 'T0VENDOR',
    channelId: 'C0ACME',
    kind: 'pov',
    name: 'Acme analytics PoV',
    hypothesis: 'Acme can cut month-end reporting from 5 days to 1 with our pipeline.',
    stage: 'active',
    timeZone: 'America/New_York',
    startDate: '2026-11-23',
    endDate: '2026-12-04',
    readoutDate: '2026-12-07',
    checkpointWeekday: 5,
    standupTime: '09:30',
    // No public holidays unless a test names the countries (the POCs of earlier tests had none).
    vendorCountry: null,
    vendorRegion: null,
    customerCountry: null,
    customerRegion: null,
    longOverride: false,
    evaluatorId: people.evaluator,
    economicBuyerId: people.economicBuyer,
    aeId: people.ae,
    seId: people.se,
    championId: people.champion,
    procurementId: people.procurement,
    escalationChannelId: 'C0ESCAL',
    nextStep: 'Order form for 200 seats, signed by Dec 18',
    outOfScope: 'SSO with the legacy IdP; on-prem deployment',
    metricName: 'Month-end close time',
    metricBaseline: 5,
    metricTarget: 1,
    metricUnit: 'days',
    metricMeasured: null,
    metricNote: null,
    silenceNudgeDays: 2,
    silenceEscalateDays: 4,
    documentTs: '1763910000.000100',
    scoreboardTs: null,
    signedOffBy: people.evaluator,
    signedOffAt: '2026-11-23T14:00:00.000Z',
    changedSinceSignoffAt: null,
    resignedOffAt: null,
    channelShared: true,
    pausedUntil: null,
    pauseReason: null,
    outcomeReason: null,
    readoutPostedAt: null,
    closedAt: null,
    jobsHaltedReason: null,
    createdBy: people.se,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

const sampleCriteria: Array<{ statement: string; threshold: string; category: Category }> = [
  {
    statement: 'Ingest 10 million rows from Snowflake in under 15 minutes',
    threshold: '15 minutes',
    category: 'performance',
  },
  {
    statement: 'Dashboards load in under 2 seconds at p95 for 50 concurrent users',
    threshold: '2 s p95',
    category: 'performance',
  },
  {
    statement: 'SSO through Okta works for 100% of the 20 pilot users',
    threshold: '20 of 20 users',
    category: 'integration',
  },
  { statement: 'Month-end report built in 1 day by 2 analysts', threshold: '1 day', category: 'business' },
  {
    statement: 'Row-level security hides 100% of restricted rows in 5 test cases',
    threshold: '5 of 5 cases',
    category: 'functional',
  },
];

/** Inserts a POC and its criteria (messages at ts 1763910001.000100, …002…). */
export async function seedPoc(
  store: Store,
  overrides: Partial<NewPoc> = {},
  criteriaCount = 5,
): Promise<{ poc: Poc; criteria: Criterion[] }> {
  return store.transaction(async () => {
    const poc = await store.pocs.insert(pocRow(overrides));
    const criteria = await store.criteria.insertMany(
      Array.from({ length: criteriaCount }, (_, i) => {
        const base = sampleCriteria[i % sampleCriteria.length] as (typeof sampleCriteria)[number];
        return {
          pocId: poc.id,
          position: i + 1,
          statement: i < sampleCriteria.length ? base.statement : `${base.statement} (variant ${i + 1})`,
          threshold: base.threshold,
          category: base.category,
          messageTs: `17639100${String(i + 1).padStart(2, '0')}.000100`,
          droppedAt: null,
          droppedReason: null,
          revision: 1,
        };
      }),
    );
    return { poc, criteria };
  });
}
