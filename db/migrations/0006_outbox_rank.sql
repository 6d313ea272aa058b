DROP INDEX `outbox_pending`;--> statement-breakpoint
DROP INDEX `outbox_sent_ts`;--> statement-breakpoint
ALTER TABLE `outbox` ADD `rank` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`status`,`next_attempt_at`,`rank`);--> statement-breakpoint
CREATE INDEX `outbox_sent_ts` ON `outbox` (`sent_channel`,`sent_ts`) WHERE sent_ts IS NOT NULL;