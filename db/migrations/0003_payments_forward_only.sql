CREATE TYPE "public"."dispute_status" AS ENUM('open', 'lost', 'won');--> statement-breakpoint
DROP INDEX "orders_one_open_per_user_idx";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "amount_refunded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "dispute_status" "dispute_status";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "stripe_read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "clerk_updated_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_one_unfinished_per_user_idx" ON "orders" USING btree ("user_id") WHERE "orders"."status" in ('requires_payment', 'failed', 'processing');