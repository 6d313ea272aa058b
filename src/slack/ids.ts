// Every action_id, callback_id and block_id the app sends. Constants, never generated at run
// time, so buttons in messages posted weeks ago still route after a restart.

export const commandName = '/poc';

/** Metadata event_type on every post the outbox sends (carries the outbox key). */
export const postMetadataType = 'pocbot_post';
