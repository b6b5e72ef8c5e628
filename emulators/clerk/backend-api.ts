/**
 * The slice of Clerk's Backend API that @clerk/backend's clerkClient uses here (users, and the JWKS for
 * apps that verify tokens without a jwtKey). Authenticated with `Authorization: Bearer <secret key>`.
 */
import { createPublicKey, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { z } from "zod";
import { sendJson, type RequestContext, type Route } from "./http";
import type { KeyMaterial } from "./keys";
import { backendUserJSON } from "./resources";
import type { ClerkStore } from "./store";

function bapiError(res: ServerResponse, status: number, code: string, message: string, longMessage = message) {
  sendJson(res, status, {
    errors: [{ code, message, long_message: longMessage, meta: {} }],
    clerk_trace_id: "emulator",
  });
}

const listQuerySchema = z.object({
  email_address: z.array(z.string().transform((e) => e.toLowerCase())).optional(),
  user_id: z.array(z.string()).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(10),
  offset: z.coerce.number().int().min(0).default(0),
});

export function backendApiRoutes(store: ClerkStore, keys: KeyMaterial, secretKey: string, appOrigin: string): Route[] {
  const expected = Buffer.from(`Bearer ${secretKey}`);
  const authorized = (handle: (ctx: RequestContext) => void) => (ctx: RequestContext) => {
    const given = Buffer.from(ctx.req.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return bapiError(
        ctx.res,
        401,
        "authentication_invalid",
        "Unauthorized request",
        "The provided secret key is invalid.",
      );
    }
    handle(ctx);
  };

  /** The list filters @clerk/backend's getUserList sends (arrays repeat the parameter). */
  const filteredUsers = (ctx: RequestContext) => {
    const all = (name: string) => (ctx.url.searchParams.has(name) ? ctx.url.searchParams.getAll(name) : undefined);
    const query = listQuerySchema.safeParse({
      email_address: all("email_address"),
      user_id: all("user_id"),
      limit: ctx.url.searchParams.get("limit") ?? undefined,
      offset: ctx.url.searchParams.get("offset") ?? undefined,
    });
    if (!query.success) {
      bapiError(ctx.res, 422, "form_param_format_invalid", "is invalid", z.prettifyError(query.error));
      return undefined;
    }
    const { email_address: emails, user_id: ids, limit, offset } = query.data;
    const matching = store
      .listUsers()
      .filter((u) => (!emails || emails.includes(u.email)) && (!ids || ids.includes(u.id)));
    return { matching, page: matching.slice(offset, offset + limit) };
  };

  return [
    {
      method: "GET",
      path: /^\/v1\/users$/,
      handle: authorized((ctx) => {
        const result = filteredUsers(ctx);
        // A bare array, as the real endpoint returns; getUserList pairs it with /users/count.
        if (result)
          sendJson(
            ctx.res,
            200,
            result.page.map((u) => backendUserJSON(appOrigin, u)),
          );
      }),
    },
    {
      method: "GET",
      path: /^\/v1\/users\/count$/,
      handle: authorized((ctx) => {
        const result = filteredUsers(ctx);
        if (result) sendJson(ctx.res, 200, { object: "total_count", total_count: result.matching.length });
      }),
    },
    {
      method: "GET",
      path: /^\/v1\/users\/([^/]+)$/,
      handle: authorized(({ res, params }) => {
        const user = store.getUser(params[0] ?? "");
        if (!user) return bapiError(res, 404, "resource_not_found", "not found", "Resource not found");
        sendJson(res, 200, backendUserJSON(appOrigin, user));
      }),
    },
    {
      method: "GET",
      path: /^\/v1\/jwks$/,
      handle: authorized(({ res }) => {
        const jwk = createPublicKey(keys.privateKey).export({ format: "jwk" });
        sendJson(res, 200, { keys: [{ ...jwk, kid: keys.kid, alg: "RS256", use: "sig" }] });
      }),
    },
  ];
}
