// What a /poc subcommand is and what its handler gets. Its own module so that each subcommand can
// name these without importing router.ts, which imports every subcommand.
import type { RespondArguments, SlashCommand } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';

export type Reply = string | RespondArguments;

export interface CommandContext {
  command: SlashCommand;
  name: string;
  args: string[];
  rest: string;
  deps: ListenerDeps;
  /** Acks once (within Slack's 3 s); later calls do nothing. */
  ack(reply?: Reply): Promise<void>;
  /** Replies through response_url, after the ack; never throws (an undelivered reply is logged). */
  respond(reply: Reply): Promise<void>;
  /** Answers in the ack while there has been none, through response_url after it. */
  reply(reply: Reply): Promise<void>;
  /**
   * Runs `work` after the ack, in the app's work queue, so it never holds up the acks of other
   * requests. A failure is logged and answered through response_url, as the handler's would be.
   */
  later(work: () => Promise<void>): void;
}

export type SubcommandHandler = (ctx: CommandContext) => Promise<void>;

export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  handler: SubcommandHandler;
  /**
   * Its handler acks empty before anything else and says everything through response_url: the
   * door acknowledges it as soon as it is stored, and the handler runs behind the acks
   * (slack/inbox.ts). Never for one that opens a modal (its trigger_id lasts 3 s).
   */
  answersLater?: true;
}
