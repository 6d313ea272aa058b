CREATE TABLE `public_holiday_years` (
	`country` text NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`year` integer NOT NULL,
	`days` text NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `public_holiday_years_place` ON `public_holiday_years` (`country`,`region`,`year`);--> statement-breakpoint
CREATE TABLE `slack_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`tz` text,
	`status_text` text DEFAULT '' NOT NULL,
	`status_emoji` text DEFAULT '' NOT NULL,
	`status_expiration` integer DEFAULT 0 NOT NULL,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `time_off` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`source` text NOT NULL,
	`poc_id` integer,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`poc_id`) REFERENCES `pocs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `time_off_unique` ON `time_off` (`team_id`,`user_id`,`from_date`,`to_date`);--> statement-breakpoint
CREATE INDEX `time_off_user` ON `time_off` (`user_id`,`to_date`);--> statement-breakpoint
ALTER TABLE `pocs` ADD `vendor_country` text;--> statement-breakpoint
ALTER TABLE `pocs` ADD `vendor_region` text;--> statement-breakpoint
ALTER TABLE `pocs` ADD `customer_country` text;--> statement-breakpoint
ALTER TABLE `pocs` ADD `customer_region` text;