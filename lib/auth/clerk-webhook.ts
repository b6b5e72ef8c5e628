import "server-only";
import { z } from "zod";
import type { UserProfile } from "./users";

const emailAddress = z.object({ id: z.string(), email_address: z.string() });

const userData = z.object({
  id: z.string().startsWith("user_"),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  primary_email_address_id: z.string().nullish(),
  email_addresses: z.array(emailAddress).default([]),
  /** Milliseconds since the epoch: orders the versions of a profile. */
  updated_at: z.number().int().nonnegative(),
});

/** The verified payload is still outside input: check the fields we use before acting on them. */
export const clerkUserEvent = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["user.created", "user.updated"]), data: userData }),
  z.object({
    type: z.literal("user.deleted"),
    data: z.object({ id: z.string().startsWith("user_"), deleted: z.literal(true).optional() }),
  }),
]);

export const handledClerkEventTypes = new Set(["user.created", "user.updated", "user.deleted"]);

export function profileFromClerkUser(user: z.infer<typeof userData>): UserProfile {
  const primary =
    user.email_addresses.find((address) => address.id === user.primary_email_address_id) ?? user.email_addresses[0];
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return { email: primary?.email_address ?? null, name: name || null, updatedAt: new Date(user.updated_at) };
}
