// The fields of an interactive payload (a click, a shortcut, a modal submission) that every
// listener reads alike: who acted, in which workspace (absent or null on some org-level
// payloads; the listener falls back to Bolt's context), and on which message.
import { z } from 'zod';

export const payloadUser = z.object({ id: z.string().min(1) });

export const payloadTeam = z
  .object({ id: z.string().min(1) })
  .nullable()
  .optional();

/** The message a button was on, when Slack says (not for buttons in modals). */
export const payloadContainer = z
  .object({ channel_id: z.string().min(1).optional(), message_ts: z.string().min(1).optional() })
  .optional();
