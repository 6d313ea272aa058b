CREATE TABLE `activity` (
	`poc_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`first_ts` text NOT NULL,
	`last_ts` text NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`reactions` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_unique` ON `activity` (`poc_id`,`user_id`,`day`);--> statement-breakpoint
CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poc_id` integer NOT NULL,
	`outbox_key` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
	`value` text NOT NULL,
	`message_ts` text,
	`answered_at` text NOT NULL,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `answers_poc` ON `answers` (`poc_id`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `answers_unique` ON `answers` (`outbox_key`,`user_id`,`message_ts`);--> statement-breakpoint
CREATE TABLE `criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poc_id` integer NOT NULL,
	`position` integer NOT NULL,
	`statement` text NOT NULL,
	`threshold` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`message_ts` text,
	`dropped_at` text,
	`dropped_reason` text,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criteria_position` ON `criteria` (`poc_id`,`position`);--> statement-breakpoint
CREATE INDEX `criteria_message` ON `criteria` (`message_ts`);--> statement-breakpoint
CREATE TABLE `criterion_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`criterion_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`result` text NOT NULL,
	`reaction` text NOT NULL,
	`voted_at` text NOT NULL,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criterion_votes_unique` ON `criterion_votes` (`criterion_id`,`user_id`,`reaction`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`criterion_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`text` text NOT NULL,
	`message_ts` text NOT NULL,
	`permalink` text,
	`posted_at` text NOT NULL,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_message` ON `evidence` (`criterion_id`,`message_ts`);--> statement-breakpoint
CREATE TABLE `extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poc_id` integer NOT NULL,
	`previous_end_date` text NOT NULL,
	`new_end_date` text NOT NULL,
	`reason` text NOT NULL,
	`criterion_positions` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `holidays` (
	`poc_id` integer NOT NULL,
	`date` text NOT NULL,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holidays_unique` ON `holidays` (`poc_id`,`date`);--> statement-breakpoint
CREATE TABLE `nudges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`poc_id` integer NOT NULL,
	`kind` text NOT NULL,
	`level` integer DEFAULT 1 NOT NULL,
	`recipient_id` text NOT NULL,
	`local_date` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`outcome` text,
	`outcome_by` text,
	`outcome_at` text,
	`snoozed_until` text,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `nudges_key` ON `nudges` (`key`);--> statement-breakpoint
CREATE INDEX `nudges_recipient` ON `nudges` (`recipient_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`poc_id` integer,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`thread_ts` text,
	`payload` text NOT NULL,
	`due_at` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`sent_channel` text,
	`sent_ts` text,
	`error` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key` ON `outbox` (`key`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_sent_ts` ON `outbox` (`sent_channel`,`sent_ts`);--> statement-breakpoint
CREATE TABLE `pauses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poc_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`until_date` text NOT NULL,
	`reason` text NOT NULL,
	`paused_by` text NOT NULL,
	`resumed_at` text,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `poc_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poc_id` integer NOT NULL,
	`field` text NOT NULL,
	`before` text,
	`after` text,
	`after_signoff` integer NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `poc_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poc_id` integer NOT NULL,
	`text` text NOT NULL,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `poc_issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poc_id` integer NOT NULL,
	`number` integer NOT NULL,
	`text` text NOT NULL,
	`severity` text,
	`workaround` text,
	`opened_by` text NOT NULL,
	`opened_at` text NOT NULL,
	`resolved_by` text,
	`resolved_at` text,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `poc_issues_number` ON `poc_issues` (`poc_id`,`number`);--> statement-breakpoint
CREATE TABLE `pocs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`hypothesis` text DEFAULT '' NOT NULL,
	`stage` text NOT NULL,
	`time_zone` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`readout_date` text NOT NULL,
	`checkpoint_weekday` integer NOT NULL,
	`standup_time` text NOT NULL,
	`long_override` integer DEFAULT false NOT NULL,
	`evaluator_id` text NOT NULL,
	`economic_buyer_id` text,
	`ae_id` text NOT NULL,
	`se_id` text NOT NULL,
	`champion_id` text,
	`procurement_id` text,
	`escalation_channel_id` text,
	`next_step` text DEFAULT '' NOT NULL,
	`out_of_scope` text DEFAULT '' NOT NULL,
	`metric_name` text,
	`metric_baseline` real,
	`metric_target` real,
	`metric_unit` text,
	`metric_measured` real,
	`metric_note` text,
	`silence_nudge_days` integer DEFAULT 2 NOT NULL,
	`silence_escalate_days` integer DEFAULT 4 NOT NULL,
	`document_ts` text,
	`scoreboard_ts` text,
	`signed_off_by` text,
	`signed_off_at` text,
	`paused_until` text,
	`pause_reason` text,
	`outcome_reason` text,
	`closed_at` text,
	`jobs_halted_reason` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pocs_open_channel` ON `pocs` (`team_id`,`channel_id`) WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX `pocs_stage` ON `pocs` (`stage`);--> statement-breakpoint
CREATE INDEX `pocs_se` ON `pocs` (`team_id`,`se_id`);--> statement-breakpoint
CREATE INDEX `pocs_ae` ON `pocs` (`team_id`,`ae_id`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scope_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poc_id` integer NOT NULL,
	`text` text NOT NULL,
	`decision` text NOT NULL,
	`new_end_date` text,
	`dropped_criterion_id` integer,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
