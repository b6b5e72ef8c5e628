import type { MetadataRoute } from "next";

/** Only the public pages are for search engines; the signed-in app and the APIs are not. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/api/", "/tasks", "/billing", "/status", "/sign-in", "/sign-up"] },
  };
}
