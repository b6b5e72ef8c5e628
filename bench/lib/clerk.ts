import { z } from "zod";
import { emulators } from "../../scripts/lib/emulators";

const createdSchema = z.object({ user: z.object({ id: z.string() }), deliveryId: z.string() });
const deliveriesSchema = z.object({
  deliveries: z.array(z.object({ id: z.string(), status: z.enum(["pending", "delivered", "failed"]) })),
});
const tokenSchema = z.object({
  token: z.string(),
  claims: z.object({ exp: z.number() }),
  cookies: z.record(z.string(), z.string()),
});

/** The Clerk emulator's test API (emulators/clerk/README.md) for a stack whose app listens on `appPort`. */
export function clerkTestApi(appPort: number) {
  const clerk = emulators.find((emulator) => emulator.name === "clerk");
  if (!clerk) throw new Error("the stack has no Clerk emulator");
  const base = `http://127.0.0.1:${appPort + clerk.portOffset}/__test`;

  async function call<T extends z.ZodType>(path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`clerk emulator ${path}: ${response.status} ${await response.text()}`);
    return schema.parse(await response.json());
  }

  return {
    /**
     * Creates a user and waits until its user.created webhook has settled, so the app's write for it
     * never overlaps the seeding (PGlite serves one connection at a time).
     */
    async createUser(profile: { email: string; firstName: string; lastName: string }): Promise<string> {
      const { user, deliveryId } = await call("/users", createdSchema, profile);
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { deliveries } = await call("/webhooks", deliveriesSchema);
        const delivery = deliveries.find((candidate) => candidate.id === deliveryId);
        if (delivery?.status !== "pending") break;
        if (Date.now() > deadline)
          throw new Error(`the user.created webhook for ${user.id} is still pending after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return user.id;
    },

    /** Cookie header for a real session, as a browser holds it after signing in. */
    async sessionCookie(userId: string, lifetimeSeconds: number): Promise<{ cookie: string; expiresAt: Date }> {
      const { cookies, claims } = await call("/tokens", tokenSchema, { userId, lifetimeSeconds });
      const cookie = Object.entries(cookies)
        .filter(([name]) => name.startsWith("__session") || name.startsWith("__client_uat"))
        .map(([name, value]) => `${name}=${value}`)
        .join("; ");
      return { cookie, expiresAt: new Date(claims.exp * 1000) };
    },
  };
}
