CREATE TABLE `nudge_signals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poc_id` integer NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
	`message_ts` text NOT NULL,
	`detail` text NOT NULL,
	`created_at` text NOT NULL,
	`consumed_by` text,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `nudge_signals_unique` ON `nudge_signals` (`poc_id`,`kind`,`message_ts`);--> statement-breakpoint
ALTER TABLE `nudges` ADD `episode` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `nudges` ADD `status` text DEFAULT 'sent' NOT NULL;--> statement-breakpoint
ALTER TABLE `nudges` ADD `carried_by` text;--> statement-breakpoint
CREATE INDEX `nudges_poc_kind` ON `nudges` (`poc_id`,`kind`);