ALTER TABLE `pocs` ADD `next_due_at` text DEFAULT '1970-01-01T00:00:00.000Z';--> statement-breakpoint
CREATE INDEX `pocs_next_due` ON `pocs` (`next_due_at`) WHERE closed_at IS NULL;
--> statement-breakpoint
-- Hand-written. Existing POCs took the column's default above ('1970-01-01T00:00:00.000Z', "due at once"): every open
-- POC is planned at the first tick after the upgrade, which then sets its next wake.
--
-- Mark due on fact change: whenever a row the jobs plan from is written, its POC's next_due_at
-- becomes '1970-01-01T00:00:00.000Z', so the next tick plans that POC again (src/jobs/due.ts). In triggers, so no write
-- path can forget it. Writes that change nothing of the POC's schedule mark it due too: it is
-- then planned once more for nothing, which is cheap; never planned late.
CREATE TRIGGER `activity_due_insert` AFTER INSERT ON `activity` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `activity_due_update` AFTER UPDATE ON `activity` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `activity_due_delete` AFTER DELETE ON `activity` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `answers_due_insert` AFTER INSERT ON `answers` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `answers_due_update` AFTER UPDATE ON `answers` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `answers_due_delete` AFTER DELETE ON `answers` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `criteria_due_insert` AFTER INSERT ON `criteria` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `criteria_due_update` AFTER UPDATE ON `criteria` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `criteria_due_delete` AFTER DELETE ON `criteria` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `criterion_votes_due_insert` AFTER INSERT ON `criterion_votes` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = (select poc_id from criteria where criteria.id = NEW.criterion_id) AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `criterion_votes_due_update` AFTER UPDATE ON `criterion_votes` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = (select poc_id from criteria where criteria.id = NEW.criterion_id) AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `criterion_votes_due_delete` AFTER DELETE ON `criterion_votes` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = (select poc_id from criteria where criteria.id = OLD.criterion_id) AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_evaluators_due_insert` AFTER INSERT ON `poc_evaluators` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_evaluators_due_update` AFTER UPDATE ON `poc_evaluators` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_evaluators_due_delete` AFTER DELETE ON `poc_evaluators` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_issues_due_insert` AFTER INSERT ON `poc_issues` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_issues_due_update` AFTER UPDATE ON `poc_issues` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_issues_due_delete` AFTER DELETE ON `poc_issues` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `scope_requests_due_insert` AFTER INSERT ON `scope_requests` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `scope_requests_due_update` AFTER UPDATE ON `scope_requests` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `scope_requests_due_delete` AFTER DELETE ON `scope_requests` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `extensions_due_insert` AFTER INSERT ON `extensions` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `extensions_due_update` AFTER UPDATE ON `extensions` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `extensions_due_delete` AFTER DELETE ON `extensions` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `pauses_due_insert` AFTER INSERT ON `pauses` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `pauses_due_update` AFTER UPDATE ON `pauses` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `pauses_due_delete` AFTER DELETE ON `pauses` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `holidays_due_insert` AFTER INSERT ON `holidays` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `holidays_due_update` AFTER UPDATE ON `holidays` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `holidays_due_delete` AFTER DELETE ON `holidays` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_changes_due_insert` AFTER INSERT ON `poc_changes` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_changes_due_update` AFTER UPDATE ON `poc_changes` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_changes_due_delete` AFTER DELETE ON `poc_changes` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_decisions_due_insert` AFTER INSERT ON `poc_decisions` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_decisions_due_update` AFTER UPDATE ON `poc_decisions` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `poc_decisions_due_delete` AFTER DELETE ON `poc_decisions` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `signoff_reactions_due_insert` AFTER INSERT ON `signoff_reactions` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `signoff_reactions_due_update` AFTER UPDATE ON `signoff_reactions` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `signoff_reactions_due_delete` AFTER DELETE ON `signoff_reactions` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `nudges_due_insert` AFTER INSERT ON `nudges` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `nudges_due_update` AFTER UPDATE ON `nudges` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `nudges_due_delete` AFTER DELETE ON `nudges` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `nudge_signals_due_insert` AFTER INSERT ON `nudge_signals` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `nudge_signals_due_update` AFTER UPDATE ON `nudge_signals` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `nudge_signals_due_delete` AFTER DELETE ON `nudge_signals` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = OLD.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `pocs_due_update` AFTER UPDATE ON `pocs` WHEN NEW.next_due_at IS OLD.next_due_at BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `time_off_due_insert` AFTER INSERT ON `time_off` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE team_id = NEW.team_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `time_off_due_update` AFTER UPDATE ON `time_off` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE team_id = NEW.team_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `time_off_due_delete` AFTER DELETE ON `time_off` BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE team_id = OLD.team_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
--> statement-breakpoint
CREATE TRIGGER `outbox_due_sent` AFTER UPDATE OF status ON `outbox` WHEN NEW.poc_id IS NOT NULL AND NEW.status = 'sent' AND OLD.status IS NOT 'sent' BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z'; END;
