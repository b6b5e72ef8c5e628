/**
 * JSON endpoints for automated tests under /__test/: seed users, mint (deliberately broken) session
 * tokens, fire webhooks and inspect their deliveries. Only reachable on the emulator's own port.
 */
import { z } from "zod";
import { COOKIE_SUFFIX } from "./instance";
import { CLIENT_COOKIE } from "./cookies";
import { HttpError, readJson, sendJson, type Route } from "./http";
import { backendUserJSON } from "./resources";
import type { Sessions } from "./sessions";
import { DuplicateEmailError } from "./store";
import { TOKEN_VARIANTS } from "./tokens";
import type { Users } from "./users";
import { USER_EVENT_TYPES } from "./webhooks";

const userIdSchema = z.string().regex(/^user_\w+$/, "must look like user_...");
const newUserSchema = z.object({
  id: userIdSchema.optional(),
  email: z.email(),
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().max(80).nullable().optional(),
});
const userPatchSchema = newUserSchema.omit({ id: true }).partial();
const tokenSchema = z.object({
  userId: userIdSchema,
  variant: z.enum(TOKEN_VARIANTS).default("valid"),
  lifetimeSeconds: z.number().int().min(1).max(86_400).optional(),
});
const webhookSchema = z.object({
  type: z.enum(USER_EVENT_TYPES),
  userId: userIdSchema,
  /** When false, answer at once with the pending delivery instead of waiting for the outcome. */
  wait: z.boolean().default(true),
});

export function testApiRoutes(sessions: Sessions, users: Users): Route[] {
  const { store, appOrigin } = sessions;
  const userOr404 = (id: string | undefined) => {
    const user = store.getUser(id ?? "");
    if (!user) throw new HttpError(404, { error: `no user ${id}` });
    return user;
  };
  const conflictOnDuplicate = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw new HttpError(409, { error: error.message });
      throw error;
    }
  };

  return [
    {
      method: "GET",
      path: /^\/__test\/users$/,
      handle: ({ res }) => sendJson(res, 200, { users: store.listUsers().map((u) => backendUserJSON(appOrigin, u)) }),
    },
    {
      method: "POST",
      path: /^\/__test\/users$/,
      handle: async ({ req, res }) => {
        const input = await readJson(req, newUserSchema);
        const { user, delivery } = conflictOnDuplicate(() => users.create(input));
        sendJson(res, 201, { user: backendUserJSON(appOrigin, user), deliveryId: delivery.id });
      },
    },
    {
      method: "PATCH",
      path: /^\/__test\/users\/([^/]+)$/,
      handle: async ({ req, res, params }) => {
        const patch = await readJson(req, userPatchSchema);
        const { user, delivery } = conflictOnDuplicate(() => users.update(userOr404(params[0]).id, patch)!);
        sendJson(res, 200, { user: backendUserJSON(appOrigin, user), deliveryId: delivery.id });
      },
    },
    {
      method: "DELETE",
      path: /^\/__test\/users\/([^/]+)$/,
      handle: ({ res, params }) => {
        const { delivery } = users.delete(userOr404(params[0]).id)!;
        sendJson(res, 200, { deleted: true, deliveryId: delivery.id });
      },
    },
    {
      method: "POST",
      path: /^\/__test\/tokens$/,
      handle: async ({ req, res }) => {
        const input = await readJson(req, tokenSchema);
        userOr404(input.userId);
        // A real session on a fresh client, so the sid in the token resolves like a browser sign-in.
        const { client, session } = sessions.signIn(undefined, input.userId);
        const { jwt, claims } = sessions.mint(session, input.variant, input.lifetimeSeconds);
        const clientUat = String(Math.floor(client.updatedAt / 1000));
        sendJson(res, 201, {
          token: jwt,
          claims,
          sessionId: session.id,
          clientId: client.id,
          // Ready to plant in a browser context (e.g. Playwright's addCookies) on the app origin.
          cookies: {
            __session: jwt,
            [`__session_${COOKIE_SUFFIX}`]: jwt,
            __client_uat: clientUat,
            [`__client_uat_${COOKIE_SUFFIX}`]: clientUat,
            [CLIENT_COOKIE]: client.id,
          },
        });
      },
    },
    {
      method: "POST",
      path: /^\/__test\/webhooks$/,
      handle: async ({ req, res }) => {
        const input = await readJson(req, webhookSchema);
        // user.deleted may be sent for a user that no longer exists (a replay); the others need the user.
        const user = input.type === "user.deleted" ? { id: input.userId } : userOr404(input.userId);
        const { delivery, settled } = users.emit(input.type, user);
        sendJson(res, input.wait ? 200 : 202, { delivery: input.wait ? await settled : delivery });
      },
    },
    {
      method: "GET",
      path: /^\/__test\/webhooks$/,
      handle: ({ res }) => sendJson(res, 200, { deliveries: users.webhooks.list() }),
    },
    {
      method: "POST",
      path: /^\/__test\/reset$/,
      handle: ({ res }) => {
        store.reset();
        users.webhooks.reset();
        sendJson(res, 200, { ok: true });
      },
    },
  ];
}
