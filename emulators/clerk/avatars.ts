import { createHash } from "node:crypto";
import { Hono } from "hono";
import { escapeHtml } from "./html";
import type { ClerkStore } from "./store";

/** Offline stand-in for img.clerk.com: a coloured circle with the user's initials. */
export function avatars(store: ClerkStore): Hono {
  return new Hono().get("/avatars/:file{[\\w-]+\\.svg}", (c) => {
    const userId = c.req.param("file").slice(0, -".svg".length);
    const user = store.getUser(userId);
    const initials = user ? `${user.firstName[0] ?? ""}${user.lastName?.[0] ?? ""}`.toUpperCase() : "?";
    const hue = createHash("sha1").update(userId).digest()[0]! * 1.4;
    return c.body(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
        `<rect width="64" height="64" rx="32" fill="hsl(${hue.toFixed(0)} 55% 45%)"/>` +
        `<text x="32" y="40" font-family="system-ui,sans-serif" font-size="24" font-weight="600" fill="#fff"` +
        ` text-anchor="middle">${escapeHtml(initials)}</text></svg>`,
      200,
      { "content-type": "image/svg+xml", "cache-control": "no-cache" },
    );
  });
}
