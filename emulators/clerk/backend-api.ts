/**
 * The slice of Clerk's Backend API that @clerk/backend's clerkClient uses here (users, and the JWKS for
 * apps that verify tokens without a jwtKey). Authenticated with `Authorization: Bearer <secret key>`.
 */
import { createPublicKey, timingSafeEqual } from "node:crypto";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import type { KeyMaterial } from "./keys";
import { json } from "./responses";
import { backendUserJSON } from "./resources";
import type { ClerkStore, StoredUser } from "./store";

function bapiError(c: Context, status: ContentfulStatusCode, code: string, message: string, longMessage = message) {
  return json(
    c,
    { errors: [{ code, message, long_message: longMessage, meta: {} }], clerk_trace_id: "emulator" },
    status,
  );
}

const listQuerySchema = z.object({
  email_address: z.array(z.string().transform((e) => e.toLowerCase())).optional(),
  user_id: z.array(z.string()).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(10),
  offset: z.coerce.number().int().min(0).default(0),
});

export function backendApi(store: ClerkStore, keys: KeyMaterial, secretKey: string, appOrigin: string): Hono {
  const expected = Buffer.from(`Bearer ${secretKey}`);
  const authorized: MiddlewareHandler = async (c, next) => {
    const given = Buffer.from(c.req.header("authorization") ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return bapiError(c, 401, "authentication_invalid", "Unauthorized request", "The provided secret key is invalid.");
    }
    await next();
  };

  /** The users matching the list filters @clerk/backend's getUserList sends (arrays repeat the parameter). */
  const filteredUsers = (c: Context, answer: (matching: StoredUser[], page: StoredUser[]) => unknown) => {
    const query = listQuerySchema.safeParse({
      email_address: c.req.queries("email_address"),
      user_id: c.req.queries("user_id"),
      limit: c.req.query("limit"),
      offset: c.req.query("offset"),
    });
    if (!query.success)
      return bapiError(c, 422, "form_param_format_invalid", "is invalid", z.prettifyError(query.error));
    const { email_address: emails, user_id: ids, limit, offset } = query.data;
    const matching = store
      .listUsers()
      .filter((u) => (!emails || emails.includes(u.email)) && (!ids || ids.includes(u.id)));
    return json(c, answer(matching, matching.slice(offset, offset + limit)));
  };

  return (
    new Hono()
      // A bare array, as the real endpoint returns; getUserList pairs it with /users/count.
      .get("/v1/users", authorized, (c) =>
        filteredUsers(c, (_, page) => page.map((u) => backendUserJSON(appOrigin, u))),
      )
      .get("/v1/users/count", authorized, (c) =>
        filteredUsers(c, (matching) => ({ object: "total_count", total_count: matching.length })),
      )
      .get("/v1/users/:id", authorized, (c) => {
        const user = store.getUser(c.req.param("id"));
        if (!user) return bapiError(c, 404, "resource_not_found", "not found", "Resource not found");
        return json(c, backendUserJSON(appOrigin, user));
      })
      .get("/v1/jwks", authorized, (c) => {
        const jwk = createPublicKey(keys.privateKey).export({ format: "jwk" });
        return json(c, { keys: [{ ...jwk, kid: keys.kid, alg: "RS256", use: "sig" }] });
      })
  );
}
