import { sql } from "drizzle-orm";
import { db } from "@/lib/db";

/**
 * A fingerprint of everything stored for the given users' tasks (every column of every
 * row), so a test can prove that a refused action wrote nothing.
 */
export async function tasksChecksum(userIds: string[]): Promise<{ count: number; hash: string }> {
  const [row] = await db.execute<{ count: number; hash: string }>(sql`
    select count(*)::int as count, coalesce(md5(string_agg(t::text, '|' order by t.id)), '') as hash
    from tasks t where t.user_id in (${sql.join(
      userIds.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  return { count: row?.count ?? 0, hash: row?.hash ?? "" };
}
