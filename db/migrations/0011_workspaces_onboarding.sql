CREATE TABLE `channel_greetings` (
	`team_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `channel_id`)
);
--> statement-breakpoint
CREATE TABLE `home_visits` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`first_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `workspaces` (
	`enterprise_id` text DEFAULT '' NOT NULL,
	`team_id` text NOT NULL,
	`state` text NOT NULL,
	`changed_at` text NOT NULL,
	PRIMARY KEY(`enterprise_id`, `team_id`)
);
