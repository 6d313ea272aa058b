-- A post of a POC going out makes it due, as before, but behind everything else due: at
-- '1970-01-01T00:00:00.002Z' (store/poc-schedule.ts: dueAfterPost), which the tick claims after
-- the wakes and fact changes. On a morning every standup sent would otherwise make its POC due
-- at once again, and the POCs just planned would fill each tick's batch ahead of those waiting.
-- A POC already due at once keeps that; one claimed by a tick planning it is marked, so the
-- tick's next wake does not hide the post (setNextDue only replaces the claim mark).
DROP TRIGGER `outbox_due_sent`;--> statement-breakpoint
CREATE TRIGGER `outbox_due_sent` AFTER UPDATE OF status ON `outbox` WHEN NEW.poc_id IS NOT NULL AND NEW.status = 'sent' AND OLD.status IS NOT 'sent' BEGIN UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.002Z' WHERE id = NEW.poc_id AND closed_at IS NULL AND next_due_at IS NOT '1970-01-01T00:00:00.000Z' AND next_due_at IS NOT '1970-01-01T00:00:00.002Z'; END;
