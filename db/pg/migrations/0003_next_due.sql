ALTER TABLE "pocs" ADD COLUMN "next_due_at" text DEFAULT '1970-01-01T00:00:00.000Z';--> statement-breakpoint
CREATE INDEX "pocs_next_due" ON "pocs" USING btree ("next_due_at") WHERE closed_at IS NULL;
--> statement-breakpoint
-- Hand-written. Existing POCs took the column's default above ('1970-01-01T00:00:00.000Z', "due at once"): every open
-- POC is planned at the first tick after the upgrade, which then sets its next wake.
--
-- Mark due on fact change (as in the SQLite migration 'next_due'): whenever a row the jobs plan
-- from is written, its POC's next_due_at becomes '1970-01-01T00:00:00.000Z', so the next tick plans it again.
CREATE FUNCTION pocbot_mark_due(poc integer) RETURNS void LANGUAGE sql AS $$
  UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE id = poc AND closed_at IS NULL AND next_due_at IS DISTINCT FROM '1970-01-01T00:00:00.000Z';
$$;
--> statement-breakpoint
CREATE FUNCTION pocbot_due_by_poc_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM pocbot_mark_due(OLD.poc_id); ELSE PERFORM pocbot_mark_due(NEW.poc_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION pocbot_due_by_criterion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM pocbot_mark_due((SELECT poc_id FROM criteria WHERE id = OLD.criterion_id));
  ELSE PERFORM pocbot_mark_due((SELECT poc_id FROM criteria WHERE id = NEW.criterion_id)); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION pocbot_due_by_team() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE team text;
BEGIN
  IF TG_OP = 'DELETE' THEN team := OLD.team_id; ELSE team := NEW.team_id; END IF;
  UPDATE pocs SET next_due_at = '1970-01-01T00:00:00.000Z' WHERE team_id = team AND closed_at IS NULL AND next_due_at IS DISTINCT FROM '1970-01-01T00:00:00.000Z';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION pocbot_due_by_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pocbot_mark_due(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "activity_due" AFTER INSERT OR UPDATE OR DELETE ON "activity" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "answers_due" AFTER INSERT OR UPDATE OR DELETE ON "answers" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "criteria_due" AFTER INSERT OR UPDATE OR DELETE ON "criteria" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "criterion_votes_due" AFTER INSERT OR UPDATE OR DELETE ON "criterion_votes" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_criterion();
--> statement-breakpoint
CREATE TRIGGER "poc_evaluators_due" AFTER INSERT OR UPDATE OR DELETE ON "poc_evaluators" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "poc_issues_due" AFTER INSERT OR UPDATE OR DELETE ON "poc_issues" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "scope_requests_due" AFTER INSERT OR UPDATE OR DELETE ON "scope_requests" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "extensions_due" AFTER INSERT OR UPDATE OR DELETE ON "extensions" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "pauses_due" AFTER INSERT OR UPDATE OR DELETE ON "pauses" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "holidays_due" AFTER INSERT OR UPDATE OR DELETE ON "holidays" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "poc_changes_due" AFTER INSERT OR UPDATE OR DELETE ON "poc_changes" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "poc_decisions_due" AFTER INSERT OR UPDATE OR DELETE ON "poc_decisions" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "signoff_reactions_due" AFTER INSERT OR UPDATE OR DELETE ON "signoff_reactions" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "nudges_due" AFTER INSERT OR UPDATE OR DELETE ON "nudges" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "nudge_signals_due" AFTER INSERT OR UPDATE OR DELETE ON "nudge_signals" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_poc_id();
--> statement-breakpoint
CREATE TRIGGER "pocs_due_update" AFTER UPDATE ON "pocs" FOR EACH ROW WHEN (NEW.next_due_at IS NOT DISTINCT FROM OLD.next_due_at) EXECUTE FUNCTION pocbot_due_by_id();
--> statement-breakpoint
CREATE TRIGGER "time_off_due" AFTER INSERT OR UPDATE OR DELETE ON "time_off" FOR EACH ROW EXECUTE FUNCTION pocbot_due_by_team();
--> statement-breakpoint
CREATE TRIGGER "outbox_due_sent" AFTER UPDATE OF status ON "outbox" FOR EACH ROW WHEN (NEW.poc_id IS NOT NULL AND NEW.status = 'sent' AND OLD.status IS DISTINCT FROM 'sent') EXECUTE FUNCTION pocbot_due_by_poc_id();
