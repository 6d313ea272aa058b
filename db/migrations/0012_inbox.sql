CREATE TABLE `inbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`retry_num` integer,
	`retry_reason` text,
	`received_at` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`done_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_key` ON `inbox` (`key`);--> statement-breakpoint
CREATE INDEX `inbox_pending` ON `inbox` (`id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `inbox_received` ON `inbox` (`received_at`);--> statement-breakpoint
DROP TABLE `processed_events`;