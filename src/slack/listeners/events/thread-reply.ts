// A person's reply in a thread, as the message event carries it: shared by the listeners that
// give thread replies a meaning (evidence on a criterion, a standup answer).
import { z } from 'zod';

const threadReplySchema = z.object({
  // A reply also sent to the channel, or one with a file, is still a reply.
  subtype: z.enum(['thread_broadcast', 'file_share']).optional(),
  user: z.string().min(1),
  text: z.string().optional().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().min(1),
  channel: z.string().min(1),
  bot_id: z.undefined().optional(),
});

export type ThreadReply = z.infer<typeof threadReplySchema>;

/** The reply, or undefined for anything else (bots, edits, top-level messages, a thread's parent). */
export function parseThreadReply(event: unknown): ThreadReply | undefined {
  const parsed = threadReplySchema.safeParse(event);
  return parsed.success && parsed.data.ts !== parsed.data.thread_ts ? parsed.data : undefined;
}
