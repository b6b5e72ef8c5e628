import type { NextConfig } from "next";

/** The bare minimum: no auth, logging, tracing or rewrites, so it measures what Next.js and PostgreSQL cost alone. */
const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
