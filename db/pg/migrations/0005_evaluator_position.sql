ALTER TABLE "poc_evaluators" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The team's order as a column (SQLite kept it as the rows' insertion order). Rows copied from
-- SQLite before this migration get it from when each member was added: the lead first.
UPDATE "poc_evaluators" AS "p" SET "position" = "r"."n"
FROM (
  SELECT "poc_id", "user_id",
    (row_number() OVER (PARTITION BY "poc_id" ORDER BY ("role" <> 'lead'), "added_at", "user_id") - 1)::integer AS "n"
  FROM "poc_evaluators"
) AS "r"
WHERE "p"."poc_id" = "r"."poc_id" AND "p"."user_id" = "r"."user_id";
