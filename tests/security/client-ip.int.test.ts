import { afterAll, describe, expect, it, vi } from "vitest";
import { clientIp } from "@/lib/security/client-ip";

// A CDN in front of a load balancer: each appends the address it received the request from.
vi.hoisted(() => vi.stubEnv("TRUSTED_PROXY_HOPS", "2"));
afterAll(() => vi.unstubAllEnvs());

const from = (forwardedFor?: string) =>
  clientIp(new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }));

describe("clientIp with two trusted proxies", () => {
  it("reads the entry the outer proxy added, ignoring whatever the client put before it", () => {
    expect(from("6.6.6.6, 203.0.113.7, 10.0.0.2")).toBe("203.0.113.7");
    expect(from("203.0.113.7,10.0.0.2")).toBe("203.0.113.7");
    expect(from("2001:db8::7, 10.0.0.2")).toBe("2001:db8::7");
  });

  it("takes the leftmost entry when the request passed fewer proxies", () => {
    expect(from("203.0.113.7")).toBe("203.0.113.7");
  });

  it("unwraps IPv4 addresses written as IPv6", () => {
    expect(from("::ffff:203.0.113.7, 10.0.0.2")).toBe("203.0.113.7");
  });

  it("answers null for a missing or unreadable address, never the raw text", () => {
    expect(from()).toBeNull();
    expect(from("")).toBeNull();
    expect(from("'; drop table rate_limits; --, 10.0.0.2")).toBeNull();
    expect(from("unknown, 10.0.0.2")).toBeNull();
    expect(from("999.1.1.1, 10.0.0.2")).toBeNull();
  });
});
