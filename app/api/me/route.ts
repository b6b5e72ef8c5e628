import { getUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { withUser } from "@/lib/route-handler";

/** The signed-in account: id, name and plan. Works with the session cookie or a Bearer session token. */
export const GET = withUser("/api/me", async (userId) => {
  const user = await getUser(db, userId);
  return Response.json(
    { id: userId, name: user?.name ?? null, plan: user?.plan ?? "free" },
    { headers: { "cache-control": "no-store" } },
  );
});
