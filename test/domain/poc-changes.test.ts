import { describe, expect, it } from 'vitest';
import { defaultCalendar, diffEdit, isEmptyEdit } from '../../src/domain/poc-changes.js';
import { validateDraft } from '../../src/domain/poc-draft.js';
import type { Criterion } from '../../src/domain/poc.js';
import { pocRow } from '../../testkit/fixtures.js';
import { validInput } from '../helpers/poc-draft-input.js';

const poc = {
  ...pocRow({
    startDate: '2026-11-30',
    endDate: '2026-12-11',
    readoutDate: '2026-12-14',
    championId: null,
    procurementId: null,
  }),
  id: 7,
};
const crit = (
  id: number,
  position: number,
  statement: string,
  threshold: string,
  category: Criterion['category'],
): Criterion => ({
  id,
  pocId: 7,
  position,
  statement,
  threshold,
  category,
  messageTs: `1.${id}`,
  droppedAt: null,
  droppedReason: null,
  revision: 1,
});
const stored = [
  crit(1, 1, 'Ingest 10 million rows from Snowflake in under 15 minutes', '15 minutes', 'performance'),
  crit(2, 2, 'SSO through Okta works for all pilot users', '20 of 20 users', 'integration'),
];
const draftOf = (overrides: Parameters<typeof validInput>[0] = {}) => {
  const r = validateDraft(validInput({ hypothesis: poc.hypothesis, name: poc.name, ...overrides }));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.draft;
};

describe('diffEdit', () => {
  it('finds nothing when nothing changed', () => {
    expect(isEmptyEdit(diffEdit(poc, stored, [1, 2], draftOf(), [1, 2]))).toBe(true);
  });

  it('reports changed fields and changed, added and removed criteria; new ones numbered after every used position', () => {
    const draft = draftOf({
      endDate: '2026-12-18',
      readoutDate: '2026-12-21',
      criteria: [
        {
          statement: 'SSO through Okta works for all pilot users',
          threshold: '25 of 25 users',
          category: 'integration',
        },
        { statement: 'Audit log exports at least 30 days in 1 file', threshold: '', category: 'functional' },
      ],
    });
    const edit = diffEdit(poc, stored, [1, 2, 3], draft, [2, null]);
    expect(edit.fields.map((f) => [f.field, f.before, f.after])).toEqual([
      ['endDate', '2026-12-11', '2026-12-18'],
      ['readoutDate', '2026-12-14', '2026-12-21'],
    ]);
    expect(edit.criteria.map((c) => c.kind)).toEqual(['changed', 'added', 'removed']);
    const added = edit.criteria[1];
    expect(added?.kind === 'added' && added.position).toBe(4);
    const removed = edit.criteria[2];
    expect(removed?.kind === 'removed' && removed.criterion.id).toBe(1);
  });
});

describe('defaultCalendar', () => {
  it('proposes the next business day, two working weeks, and a readout the business day after', () => {
    // Friday 2026-11-27 → start Monday 11-30, end Friday 12-11, readout Monday 12-14
    expect(defaultCalendar('2026-11-27')).toEqual({
      startDate: '2026-11-30',
      endDate: '2026-12-11',
      readoutDate: '2026-12-14',
    });
    // Monday 2026-11-23 → start Tuesday 11-24, end Monday 12-07, readout Tuesday 12-08
    expect(defaultCalendar('2026-11-23')).toEqual({
      startDate: '2026-11-24',
      endDate: '2026-12-07',
      readoutDate: '2026-12-08',
    });
  });
});
