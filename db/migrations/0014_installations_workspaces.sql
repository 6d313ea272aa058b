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
ALTER TABLE `outbox` ADD `team_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `enterprise_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `pocs` ADD `enterprise_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Hand-written backfill: a POC's Enterprise Grid org from the workspaces table (app_uninstalled and auth.test recorded it), then each outbox row's workspace from its POC.
UPDATE `pocs` SET `enterprise_id` = (SELECT `w`.`enterprise_id` FROM `workspaces` `w` WHERE `w`.`team_id` = `pocs`.`team_id` AND `w`.`enterprise_id` <> '' LIMIT 1) WHERE EXISTS (SELECT 1 FROM `workspaces` `w` WHERE `w`.`team_id` = `pocs`.`team_id` AND `w`.`enterprise_id` <> '');--> statement-breakpoint
UPDATE `outbox` SET `team_id` = (SELECT `p`.`team_id` FROM `pocs` `p` WHERE `p`.`id` = `outbox`.`poc_id`), `enterprise_id` = (SELECT `p`.`enterprise_id` FROM `pocs` `p` WHERE `p`.`id` = `outbox`.`poc_id`) WHERE `poc_id` IS NOT NULL;
