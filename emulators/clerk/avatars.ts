import { createHash } from "node:crypto";
import type { Route } from "./http";
import type { ClerkStore } from "./store";
import { escapeHtml } from "./html";

/** Offline stand-in for img.clerk.com: a coloured circle with the user's initials. */
export function avatarRoutes(store: ClerkStore): Route[] {
  return [
    {
      method: "GET",
      path: /^\/avatars\/([\w-]+)\.svg$/,
      handle: ({ res, params }) => {
        const user = store.getUser(params[0] ?? "");
        const initials = user ? `${user.firstName[0] ?? ""}${user.lastName?.[0] ?? ""}`.toUpperCase() : "?";
        const hue =
          createHash("sha1")
            .update(params[0] ?? "")
            .digest()[0]! * 1.4;
        res.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "no-cache" });
        res.end(
          `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="hsl(${hue.toFixed(0)} 55% 45%)"/>` +
            `<text x="32" y="40" font-family="system-ui,sans-serif" font-size="24" font-weight="600" fill="#fff" text-anchor="middle">${escapeHtml(initials)}</text></svg>`,
        );
      },
    },
  ];
}
