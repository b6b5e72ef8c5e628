import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";

const ipAddress = z.union([z.ipv4(), z.ipv6()]);

/**
 * The client's IP address as the nearest trusted proxy saw it, or null when there is none to trust.
 * Each proxy appends the address it received from, so the entry TRUSTED_PROXY_HOPS from the right is
 * the first one a client cannot forge. Without a proxy, Next.js fills X-Forwarded-For with the
 * socket's address, but keeps one the client sent itself.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded) return null;
  const hops = forwarded.split(",").map((entry) => entry.trim());
  const candidate = hops[Math.max(hops.length - env.TRUSTED_PROXY_HOPS, 0)] ?? "";
  const parsed = ipAddress.safeParse(candidate.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, ""));
  return parsed.success ? parsed.data : null;
}
