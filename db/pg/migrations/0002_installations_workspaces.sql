CREATE TABLE "installations" (
	"enterprise_id" text DEFAULT '' NOT NULL,
	"team_id" text DEFAULT '' NOT NULL,
	"is_enterprise_install" boolean DEFAULT false NOT NULL,
	"bot_token" text NOT NULL,
	"bot_user_id" text NOT NULL,
	"bot_id" text NOT NULL,
	"scopes" text DEFAULT '' NOT NULL,
	"installer_user_id" text,
	"installation" text NOT NULL,
	"installed_at" text NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "installations_enterprise_id_team_id_pk" PRIMARY KEY("enterprise_id","team_id")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "team_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "enterprise_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "pocs" ADD COLUMN "enterprise_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "slack_profiles" ADD COLUMN "team_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Edited by hand: drizzle-kit cannot name the old key (PostgreSQL's default name), and must add the column before keying on it.
ALTER TABLE "slack_profiles" DROP CONSTRAINT "slack_profiles_pkey";--> statement-breakpoint
ALTER TABLE "slack_profiles" ADD CONSTRAINT "slack_profiles_team_id_user_id_pk" PRIMARY KEY("team_id","user_id");--> statement-breakpoint
-- Hand-written backfill: a POC's Enterprise Grid org from the workspaces table (app_uninstalled and auth.test recorded it), then each outbox row's workspace from its POC.
UPDATE "pocs" SET "enterprise_id" = "w"."enterprise_id" FROM "workspaces" "w" WHERE "w"."team_id" = "pocs"."team_id" AND "w"."enterprise_id" <> '';--> statement-breakpoint
UPDATE "outbox" SET "team_id" = "p"."team_id", "enterprise_id" = "p"."enterprise_id" FROM "pocs" "p" WHERE "p"."id" = "outbox"."poc_id";--> statement-breakpoint
-- Hand-written: profiles cached before workspaces were told apart name none; they are fetched again per workspace.
DELETE FROM "slack_profiles" WHERE "team_id" = '';
