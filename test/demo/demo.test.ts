// The demo doubles as a smoke test: the whole two-week story must play, and what it prints must
// show the moments a reader is promised.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../demo/scenario.js';
import { blockKitViolations, viewViolations } from '../../testkit/block-kit-rules.js';

describe('npm run demo', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'pocbot-demo-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('plays the two-week PoV and prints its key moments, and writes pasteable Block Kit JSON', async () => {
    const lines: string[] = [];
    const result = await runDemo({ write: (line) => lines.push(line), outDir });
    const out = lines.join('\n');

    // Creation and sign-off.
    expect(out).toContain('[Fri 27 Nov 14:05] Priya Shah → #acme-pov\n    /poc new Acme analytics PoV');
    expect(out).toContain('== Success criteria: Acme analytics PoV ==');
    expect(out).toContain('✅ @Dana Kim signed off the success criteria.');
    // An evaluation team of two, in a channel shared with Acme.
    expect(out).toContain('Lead technical evaluator @Dana Kim · Evaluators @Sam Okafor');
    // A standup at its real time, answered in its thread.
    expect(out).toContain(
      '[Mon 30 Nov 09:31] pocbot → #acme-pov\n    == Daily standup · Acme analytics PoV ==\n    *Day 1 of 10*',
    );
    expect(out).toContain('Dana Kim → #acme-pov (thread: standup)');
    // Pushback, silence, the ping, the escalation, and the return.
    expect(out).toMatch(/\[Wed 02 Dec 13:00\] pocbot → DM to Priya Shah\n.*Vague pushback/);
    expect(out).toMatch(/\[Fri 04 Dec 09:31\] pocbot → DM to Priya Shah\n.*The evaluation team has gone quiet/);
    expect(out).toContain(
      'Nobody on the evaluation team has been active for *2 business days* (since Wed Dec 2): @Dana Kim (lead evaluator), last active Wed Dec 2; @Sam Okafor (evaluator), last active Mon Nov 30',
    );
    expect(out).toContain('checking in on *Acme analytics PoV*');
    // 09:31 in New York is 08:31 for Marcus in Chicago: his DM waits for his 09:00, and goes at the
    // next tick; so does the escalation channel's post, which mentions him.
    expect(out).toMatch(
      /\[Tue 08 Dec 13:00\] pocbot → DM to Marcus Lee\n.*Escalation: the evaluation team has gone quiet/,
    );
    expect(out).toMatch(/\[Tue 08 Dec 13:00\] pocbot → #acme-deal\n.*Escalation: Acme analytics PoV/);
    expect(out).not.toMatch(/\[Tue 08 Dec 09:31\] pocbot → #acme-deal/);
    expect(out).toMatch(/pocbot → #acme-deal\n.*The evaluation team is active again/);
    // A vendor call waits for the customer, who confirms it with one click.
    expect(out).toContain('Vendor call on criterion 3: PASS by @Priya Shah, *awaiting customer confirmation*');
    expect(out).toMatch(/\[Thu 10 Dec 09:50\] Sam Okafor → #acme-pov\n {4}\(clicks \[ Confirm PASS \]\)/);
    expect(out).toContain(
      'Criterion 3 marked PASS by @Sam Okafor (customer evaluator), confirming @Priya Shah’s call.',
    );
    // Status, the readout verdict and its file, close and hand-off.
    expect(out).toContain('== PoV status: Acme analytics PoV ==');
    expect(out).toContain('== PoV readout: Acme analytics PoV ==');
    expect(out).toContain('*Verdict: PASS*');
    expect(out).toMatch(/pocbot → #acme-pov\n {4}📎 uploaded PoV readout: Acme analytics PoV/);
    expect(out).toContain('Closed *Acme analytics PoV* as *won*');
    expect(out).toContain('📎 uploaded Customer Success hand-off');
    // Names, not ids; nothing refused; no debug noise.
    expect(out).not.toMatch(/<@[UW][A-Z0-9]+>|refused|ERROR|at .*\.ts:\d+/);

    const files = readdirSync(outDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(result.blockFiles);
    expect(files.length).toBeGreaterThan(40);
    const modals: Array<Record<string, unknown>> = [];
    for (const f of files) {
      const payload = JSON.parse(readFileSync(join(outDir, f), 'utf8')) as {
        type?: string;
        blocks: unknown[];
      } & Record<string, unknown>;
      expect(Array.isArray(payload.blocks), f).toBe(true);
      const surface = payload.type === 'modal' || payload.type === 'home' ? 'view' : 'message';
      expect(payload.blocks.length, f).toBeLessThanOrEqual(surface === 'view' ? 100 : 50);
      if (surface === 'message') expect(blockKitViolations(payload.blocks, 'message'), f).toEqual([]);
      else expect(viewViolations(payload), f).toEqual([]);
      if (payload.type === 'modal') modals.push(payload);
    }
    // A modal is written as views.open sent it: Block Kit Builder wants its title, and submit with inputs.
    expect(modals.length).toBeGreaterThan(0);
    for (const m of modals) {
      expect(m).toMatchObject({ type: 'modal', title: { type: 'plain_text' }, close: { type: 'plain_text' } });
      if (m.blocks && (m.blocks as Array<{ type?: string }>).some((b) => b.type === 'input'))
        expect(m.submit).toMatchObject({ type: 'plain_text' });
    }
  }, 30_000);
});
