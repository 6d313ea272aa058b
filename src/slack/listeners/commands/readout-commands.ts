import { z } from 'zod';
import { readoutPreview } from '../../views/readout-blocks.js';
import { requirePoc } from './require-poc.js';
import type { Subcommand } from './context.js';
import { quantity } from '../../../domain/quantity.js';

export const readoutCommand: Subcommand = {
  name: 'readout',
  usage: 'readout',
  summary: 'preview the readout (criteria, verdict, calendar, engagement), then post it to the channel',
  handler: async (ctx) => {
    const poc = await requirePoc(ctx);
    if (!poc) return;
    // Building reads every criterion and may fetch evidence links: ack first, answer through response_url.
    await ctx.ack();
    const preview = await ctx.deps.services.readout.preview(poc, ctx.command.user_id);
    if (!preview.ok) return ctx.respond(preview.message);
    const { model, messages } = preview.built;
    await ctx.respond({ response_type: 'ephemeral', ...readoutPreview(model, messages.length) });
  },
};

/** A number as people type it: `1.5`, `-3`, `1,5` (decimal comma), `1 200` is refused as ambiguous. */
const metricValue = z
  .string()
  .regex(/^-?\d+(?:[.,]\d+)?$/)
  .transform((s) => Number(s.replace(',', '.')));

export const metricCommand: Subcommand = {
  name: 'metric',
  usage: 'metric <measured value> [note]',
  summary: 'record the measured value of the business metric, for the readout',
  handler: async (ctx) => {
    const first = ctx.args[0];
    const value = metricValue.safeParse(first ?? '');
    if (!value.success)
      return ctx.ack(
        'Usage: `/poc metric <measured value> [note]`, e.g. `/poc metric 1.5 March close, 2 analysts`. The value is a plain number in the metric’s unit.',
      );
    const poc = await requirePoc(ctx);
    if (!poc) return;
    const note = ctx.rest.slice((first ?? '').length).trim();
    const res = await ctx.deps.services.readout.recordMetric(poc, {
      userId: ctx.command.user_id,
      value: value.data,
      note: note || null,
    });
    if (!res.ok) return ctx.ack(res.message);
    const p = res.poc;
    await ctx.ack(
      `Recorded: *${p.metricName}* measured ${quantity(value.data, p.metricUnit)} (baseline ${p.metricBaseline ?? 'not set'}, target ${p.metricTarget ?? 'not set'})${note ? ` — ${note}` : ''}. It shows in \`/poc readout\`.`,
    );
  },
};
