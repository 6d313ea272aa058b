import { describe, expect, it } from 'vitest';
import { quoteForDocument, quoteForSlack } from '../../src/domain/quoted-text.js';

describe('quoteForSlack', () => {
  it('turns every broadcast mention into plain text that notifies nobody', () => {
    expect(quoteForSlack('<!channel> <!here> <!everyone> <!here|here> <!channel|@channel>')).toBe(
      '@channel @here @everyone @here @channel',
    );
    expect(quoteForSlack('ping <!subteam^S0123|@platform-team> and <!subteam^S0456>')).toBe(
      'ping @platform-team and @group',
    );
  });

  it('turns a user mention into plain text, with the name when Slack gave one', () => {
    expect(quoteForSlack('thanks <@U0SE>, cc <@W0EB|robert>')).toBe('thanks @U0SE, cc @robert');
  });

  it('shows where a link goes when its label says something else', () => {
    expect(quoteForSlack('see <https://evil.example/x|https://grafana.acme.example/d/1>')).toBe(
      'see https://grafana.acme.example/d/1 (<https://evil.example/x>)',
    );
    expect(quoteForSlack('<https://grafana.acme.example/d/1|the dashboard>')).toBe(
      'the dashboard (<https://grafana.acme.example/d/1>)',
    );
  });

  it('keeps a link that shows its own address, a channel link and a date', () => {
    expect(
      quoteForSlack(
        '<https://acme.example/r> <https://acme.example/r/|acme.example/r> <#C0ACME|acme-pov> <!date^1796229000^{date}|Dec 2>',
      ),
    ).toBe('<https://acme.example/r> <https://acme.example/r/> <#C0ACME|acme-pov> <!date^1796229000^{date}|Dec 2>');
  });

  it('keeps what Slack escaped as it is, and escapes what came unescaped', () => {
    expect(quoteForSlack('p95 &lt;2 s &amp; done')).toBe('p95 &lt;2 s &amp; done');
    expect(quoteForSlack('a < b & c > d <b>bold</b>')).toBe('a &lt; b &amp; c &gt; d &lt;b&gt;bold&lt;/b&gt;');
  });

  it('makes a label that is itself markup harmless', () => {
    expect(quoteForSlack('<https://evil.example|click *here* &amp; win>')).toBe(
      'click *here* &amp; win (<https://evil.example>)',
    );
  });
});

describe('quoteForDocument', () => {
  it('writes mentions and links as plain text, a person by name, Slack’s escapes undone', () => {
    const person = (id: string) => (id === 'U0SE' ? 'Priya Shah (@U0SE)' : `@${id}`);
    expect(
      quoteForDocument(
        '<!channel> thanks <@U0SE> in <#C0ACME|acme-pov>: 1 &lt; 2 &amp;&amp; <https://evil.example|https://grafana.acme.example>',
        person,
      ),
    ).toBe(
      '@channel thanks Priya Shah (@U0SE) in #acme-pov: 1 < 2 && https://grafana.acme.example (https://evil.example)',
    );
    expect(quoteForDocument('<https://acme.example/r> on <!date^1796229000^{date}|Dec 2>')).toBe(
      'https://acme.example/r on Dec 2',
    );
  });
});
