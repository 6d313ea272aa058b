import type { PocDraftInput } from '../../src/domain/poc-draft.js';

/** A complete, valid `/poc new` input: a two-week PoV. */
export function validInput(overrides: Partial<PocDraftInput> = {}): PocDraftInput {
  return {
    kind: 'pov',
    name: 'Acme analytics PoV',
    hypothesis: 'Acme can cut month-end reporting from 5 days to 1 with our pipeline.',
    metricName: 'Month-end close time',
    metricBaseline: '5',
    metricTarget: '1',
    metricUnit: 'days',
    criteria: [
      {
        statement: 'Ingest 10 million rows from Snowflake in under 15 minutes',
        threshold: '15 minutes',
        category: 'performance',
      },
      { statement: 'SSO through Okta works for all pilot users', threshold: '20 of 20 users', category: 'integration' },
    ],
    outOfScope: 'SSO with the legacy IdP; on-prem deployment',
    startDate: '2026-11-30',
    endDate: '2026-12-11',
    readoutDate: '2026-12-14',
    checkpointWeekday: '5',
    standupTime: '09:30',
    timeZone: 'America/New_York',
    daysOff: '',
    vendorCountry: undefined,
    customerCountry: undefined,
    regions: '',
    longOverride: false,
    evaluatorId: 'W0EVAL',
    evaluatorIds: [],
    economicBuyerId: 'W0EB',
    aeId: 'U0AE',
    seId: 'U0SE',
    championId: undefined,
    procurementId: undefined,
    escalationChannelId: 'C0ESCAL',
    nextStep: 'Order form for 200 seats, signed by Dec 18',
    ...overrides,
  };
}
