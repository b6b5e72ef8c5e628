ALTER TABLE "users" ADD COLUMN "open_tasks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "users" SET "open_tasks" = "open"."count"
FROM (SELECT "user_id", count(*)::integer AS "count" FROM "tasks" WHERE NOT "completed" GROUP BY "user_id") AS "open"
WHERE "users"."id" = "open"."user_id";--> statement-breakpoint
-- Statement-level triggers: each applies the net change in open tasks per user from the statement's
-- transition tables, so a bulk insert or update costs one UPDATE per user. An insert adds its rows and a
-- delete subtracts them (the trigger's argument is the sign); an update nets its old and new rows.
CREATE FUNCTION "tasks_count_open_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "users" SET "open_tasks" = "users"."open_tasks" + TG_ARGV[0]::integer * "delta"."count"
  FROM (SELECT "user_id", count(*)::integer AS "count" FROM "changed_rows" WHERE NOT "completed" GROUP BY "user_id") AS "delta"
  WHERE "users"."id" = "delta"."user_id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "tasks_count_open_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "users" SET "open_tasks" = "users"."open_tasks" + "delta"."change"
  FROM (
    SELECT "user_id", sum("change")::integer AS "change" FROM (
      SELECT "user_id", 1 AS "change" FROM "new_rows" WHERE NOT "completed"
      UNION ALL
      SELECT "user_id", -1 FROM "old_rows" WHERE NOT "completed"
    ) AS "changes" GROUP BY "user_id"
  ) AS "delta"
  WHERE "users"."id" = "delta"."user_id" AND "delta"."change" <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tasks_count_open_insert" AFTER INSERT ON "tasks"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tasks_count_open_rows"('1');--> statement-breakpoint
CREATE TRIGGER "tasks_count_open_delete" AFTER DELETE ON "tasks"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tasks_count_open_rows"('-1');--> statement-breakpoint
CREATE TRIGGER "tasks_count_open_update" AFTER UPDATE ON "tasks"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tasks_count_open_updated"();
