/**
 * JSON endpoints for automated tests under /__test/: seed users, mint (deliberately broken) session
 * tokens, fire webhooks and inspect their deliveries. Only reachable on the emulator's own port.
 */
import { Hono } from "hono";
import { z } from "zod";
import { jsonError } from "../shared/json-errors";
import { readJson } from "../shared/request-input";
import { COOKIE_SUFFIX } from "./instance";
import { CLIENT_COOKIE } from "./cookies";
import { json } from "./responses";
import { backendUserJSON } from "./resources";
import type { Sessions } from "./sessions";
import { DuplicateEmailError } from "./store";
import { TOKEN_VARIANTS } from "./tokens";
import type { Users } from "./users";
import { deliveryJSON, USER_EVENT_TYPES } from "./webhooks";

const userIdSchema = z.string().regex(/^user_\w+$/, "must look like user_...");
const newUserSchema = z.object({
  id: userIdSchema.optional(),
  email: z.email(),
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().max(80).nullable().optional(),
  /** Sets public metadata `{ role }`: "operator" may see the app's /status page. */
  role: z.enum(["operator"]).optional(),
});
const userPatchSchema = newUserSchema.omit({ id: true, role: true }).partial();
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

/** Mounted at /__test. */
export function testApi(sessions: Sessions, users: Users): Hono {
  const { store, appOrigin } = sessions;
  const userOr404 = (id: string) => {
    const user = store.getUser(id);
    if (!user) throw jsonError(404, { error: `no user ${id}` });
    return user;
  };
  const conflictOnDuplicate = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw jsonError(409, { error: error.message });
      throw error;
    }
  };

  return new Hono()
    .get("/users", (c) => json(c, { users: store.listUsers().map((u) => backendUserJSON(appOrigin, u)) }))
    .post("/users", async (c) => {
      const { role, ...input } = await readJson(c, newUserSchema);
      const publicMetadata = role ? { role } : {};
      const { user, delivery } = conflictOnDuplicate(() => users.create({ ...input, publicMetadata }));
      return json(c, { user: backendUserJSON(appOrigin, user), deliveryId: delivery.id }, 201);
    })
    .patch("/users/:id", async (c) => {
      const patch = await readJson(c, userPatchSchema);
      const { user, delivery } = conflictOnDuplicate(() => users.update(userOr404(c.req.param("id")).id, patch)!);
      return json(c, { user: backendUserJSON(appOrigin, user), deliveryId: delivery.id });
    })
    .delete("/users/:id", (c) => {
      const { delivery } = users.delete(userOr404(c.req.param("id")).id)!;
      return json(c, { deleted: true, deliveryId: delivery.id });
    })
    .post("/tokens", async (c) => {
      const input = await readJson(c, tokenSchema);
      userOr404(input.userId);
      // A real session on a fresh client, so the sid in the token resolves like a browser sign-in.
      const { client, session } = sessions.signIn(undefined, input.userId);
      const { jwt, claims } = sessions.mint(session, input.variant, input.lifetimeSeconds);
      const clientUat = String(Math.floor(client.updatedAt / 1000));
      return json(
        c,
        {
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
        },
        201,
      );
    })
    .post("/webhooks", async (c) => {
      const input = await readJson(c, webhookSchema);
      // user.deleted may be sent for a user that no longer exists (a replay); the others need the user.
      const user = input.type === "user.deleted" ? { id: input.userId } : userOr404(input.userId);
      const { delivery, settled } = users.emit(input.type, user);
      return json(c, { delivery: deliveryJSON(input.wait ? await settled : delivery) }, input.wait ? 200 : 202);
    })
    .get("/webhooks", (c) => json(c, { deliveries: users.webhooks.list().map(deliveryJSON) }))
    .post("/reset", (c) => {
      store.reset();
      users.webhooks.reset();
      return json(c, { ok: true });
    });
}
