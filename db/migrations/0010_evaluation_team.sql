CREATE TABLE `poc_evaluators` (
	`poc_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`added_at` text NOT NULL,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `poc_evaluators_unique` ON `poc_evaluators` (`poc_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `signoff_reactions` (
	`poc_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`reaction` text NOT NULL,
	`event_ts` text NOT NULL,
	`removed` integer NOT NULL,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signoff_reactions_unique` ON `signoff_reactions` (`poc_id`,`user_id`,`reaction`);--> statement-breakpoint
DROP INDEX `criterion_votes_unique`;--> statement-breakpoint
ALTER TABLE `criterion_votes` ADD `event_ts` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `criterion_votes` ADD `removed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `criterion_votes` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `criterion_votes_state` ON `criterion_votes` (`criterion_id`,`revision`,`user_id`,`reaction`);--> statement-breakpoint
ALTER TABLE `criteria` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `extensions` ADD `status` text DEFAULT 'granted' NOT NULL;--> statement-breakpoint
ALTER TABLE `extensions` ADD `decided_by` text;--> statement-breakpoint
ALTER TABLE `extensions` ADD `decided_at` text;--> statement-breakpoint
ALTER TABLE `extensions` ADD `previous_readout_date` text;--> statement-breakpoint
ALTER TABLE `extensions` ADD `new_readout_date` text;--> statement-breakpoint
ALTER TABLE `pocs` ADD `changed_since_signoff_at` text;--> statement-breakpoint
ALTER TABLE `pocs` ADD `resigned_off_at` text;--> statement-breakpoint
ALTER TABLE `pocs` ADD `channel_shared` integer;--> statement-breakpoint
-- hand-written: each existing POC's evaluation team is its lead evaluator.
INSERT INTO `poc_evaluators` (`poc_id`, `user_id`, `role`, `added_at`) SELECT `id`, `evaluator_id`, 'lead', `created_at` FROM `pocs`;--> statement-breakpoint
-- hand-written: votes take the new roles (the evaluator was the lead; the SE's and the AE's are vendor calls).
UPDATE `criterion_votes` SET `role` = CASE `role` WHEN 'evaluator' THEN 'lead' WHEN 'se' THEN 'vendor' ELSE `role` END;--> statement-breakpoint
UPDATE `criterion_votes` SET `role` = 'vendor' WHERE `role` = 'other' AND `user_id` IN (SELECT p.`ae_id` FROM `criteria` c JOIN `pocs` p ON p.`id` = c.`poc_id` WHERE c.`id` = `criterion_votes`.`criterion_id`);--> statement-breakpoint
-- hand-written: each vote's event ts from when it was cast (voted_at, to the millisecond).
UPDATE `criterion_votes` SET `event_ts` = strftime('%s', `voted_at`) || '.' || printf('%06d', CAST(substr(`voted_at`, 21, 3) AS INTEGER) * 1000) WHERE `event_ts` = '';
