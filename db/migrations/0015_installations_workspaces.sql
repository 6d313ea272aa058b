CREATE TABLE `installations` (
	`enterprise_id` text DEFAULT '' NOT NULL,
	`team_id` text DEFAULT '' NOT NULL,
	`is_enterprise_install` integer DEFAULT false NOT NULL,
	`bot_token` text NOT NULL,
	`bot_user_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`scopes` text DEFAULT '' NOT NULL,
	`installer_user_id` text,
	`installation` text NOT NULL,
	`installed_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`enterprise_id`, `team_id`)
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_slack_profiles` (
	`team_id` text DEFAULT '' NOT NULL,
	`user_id` text NOT NULL,
	`tz` text,
	`status_text` text DEFAULT '' NOT NULL,
	`status_emoji` text DEFAULT '' NOT NULL,
	`status_expiration` integer DEFAULT 0 NOT NULL,
	`fetched_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
-- Edited by hand: the old table has no team_id to copy (drizzle-kit wrote "team_id" here).
INSERT INTO `__new_slack_profiles`("team_id", "user_id", "tz", "status_text", "status_emoji", "status_expiration", "fetched_at") SELECT '', "user_id", "tz", "status_text", "status_emoji", "status_expiration", "fetched_at" FROM `slack_profiles`;--> statement-breakpoint
DROP TABLE `slack_profiles`;--> statement-breakpoint
ALTER TABLE `__new_slack_profiles` RENAME TO `slack_profiles`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `outbox` ADD `team_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `enterprise_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `pocs` ADD `enterprise_id` text DEFAULT '' NOT NULL;
--> statement-breakpoint
-- Hand-written backfill: a POC's Enterprise Grid org from the workspaces table (app_uninstalled and auth.test recorded it), then each outbox row's workspace from its POC.
UPDATE `pocs` SET `enterprise_id` = (SELECT `w`.`enterprise_id` FROM `workspaces` `w` WHERE `w`.`team_id` = `pocs`.`team_id` AND `w`.`enterprise_id` <> '' LIMIT 1) WHERE EXISTS (SELECT 1 FROM `workspaces` `w` WHERE `w`.`team_id` = `pocs`.`team_id` AND `w`.`enterprise_id` <> '');--> statement-breakpoint
UPDATE `outbox` SET `team_id` = (SELECT `p`.`team_id` FROM `pocs` `p` WHERE `p`.`id` = `outbox`.`poc_id`), `enterprise_id` = (SELECT `p`.`enterprise_id` FROM `pocs` `p` WHERE `p`.`id` = `outbox`.`poc_id`) WHERE `poc_id` IS NOT NULL;--> statement-breakpoint
-- Hand-written: profiles cached before workspaces were told apart name none; they are fetched again per workspace.
DELETE FROM `slack_profiles` WHERE `team_id` = '';
