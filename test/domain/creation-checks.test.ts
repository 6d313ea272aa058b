import { describe, expect, it } from 'vitest';
import { holidayWarnings, standupWarning } from '../../src/domain/creation-checks.js';
import { parseRegions, validateDraft } from '../../src/domain/poc-draft.js';
import { validInput } from '../helpers/poc-draft-input.js';

const draft = {
  vendorCountry: 'US',
  vendorRegion: null,
  customerCountry: 'DE',
  customerRegion: 'BY',
  startDate: '2026-12-07',
  endDate: '2026-12-24',
  readoutDate: '2027-01-06',
  standupTime: '09:30',
  timeZone: 'America/New_York',
};

describe('creation warnings', () => {
  it('warns for a date on either side’s public holiday, naming the side and the holiday', () => {
    // Dec 24 is a working day on both sides; Jan 6 is Epiphany in Bavaria, not in the US.
    expect(holidayWarnings(draft)).toEqual([
      'The readout date, Wed Jan 6, is a public holiday on the customer’s side (Germany (Bayern): Epiphany).',
    ]);
    expect(holidayWarnings({ ...draft, customerRegion: null })).toEqual([]);
    expect(holidayWarnings({ ...draft, vendorCountry: null, customerCountry: null })).toEqual([]);
  });

  it('warns for a standup outside 08:00–18:00 of the lead evaluator’s day only', () => {
    expect(standupWarning(draft, 'Europe/Berlin')).toBeUndefined(); // 15:30 in Berlin
    expect(standupWarning({ ...draft, standupTime: '13:00' }, 'Europe/Berlin')).toContain(
      'is 19:00 for the lead evaluator (Europe/Berlin), outside 08:00–18:00 of their day. 11:30 fits both (17:30 for them)',
    );
    expect(standupWarning(draft, undefined)).toBeUndefined();
  });
});

describe('regions typed in the form', () => {
  it('gives each code to the side whose country it is in; the vendor’s first when both are in one country', () => {
    expect(parseRegions('US-NY, de-by', 'US', 'DE')).toEqual({ ok: true, vendorRegion: 'NY', customerRegion: 'BY' });
    expect(parseRegions('DE-BY', 'US', 'DE')).toEqual({ ok: true, vendorRegion: null, customerRegion: 'BY' });
    expect(parseRegions('US-NY US-CA', 'US', 'US')).toEqual({ ok: true, vendorRegion: 'NY', customerRegion: 'CA' });
    expect(parseRegions('', 'US', 'DE')).toEqual({ ok: true, vendorRegion: null, customerRegion: null });
  });

  it('refuses a code it cannot place, saying why', () => {
    expect(parseRegions('US-XX', 'US', 'DE')).toMatchObject({
      ok: false,
      message: expect.stringContaining('“US-XX” is not a state or region of United States'),
    });
    expect(parseRegions('FR-IDF', 'US', 'DE')).toMatchObject({ ok: false });
    expect(parseRegions('Bavaria', 'US', 'DE')).toMatchObject({
      ok: false,
      message: expect.stringContaining('use the country and the region, e.g. US-NY'),
    });
    expect(parseRegions('DE-BY DE-BE', 'US', 'DE')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Two codes for the same side'),
    });
  });

  it('stores the countries and regions with the draft, and puts a wrong one under its field', () => {
    const ok = validateDraft(validInput({ vendorCountry: 'US', customerCountry: 'DE', regions: 'DE-BY' }));
    expect(ok.ok && ok.draft).toMatchObject({
      vendorCountry: 'US',
      vendorRegion: null,
      customerCountry: 'DE',
      customerRegion: 'BY',
    });
    const bad = validateDraft(validInput({ vendorCountry: 'XX', regions: 'DE-BY' }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.vendorCountry).toBe('Pick a country from the list.');
    const badRegion = validateDraft(validInput({ vendorCountry: 'US', customerCountry: 'DE', regions: 'US-XX' }));
    expect(!badRegion.ok && badRegion.errors.regions).toContain('US-XX');
  });
});
