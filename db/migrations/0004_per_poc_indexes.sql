CREATE INDEX `extensions_poc` ON `extensions` (`poc_id`);--> statement-breakpoint
CREATE INDEX `pauses_poc` ON `pauses` (`poc_id`);--> statement-breakpoint
CREATE INDEX `poc_changes_poc` ON `poc_changes` (`poc_id`);--> statement-breakpoint
CREATE INDEX `poc_decisions_poc` ON `poc_decisions` (`poc_id`);--> statement-breakpoint
CREATE INDEX `scope_requests_poc` ON `scope_requests` (`poc_id`);