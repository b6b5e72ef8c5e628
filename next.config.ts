import type { NextConfig } from "next";
// Importing env validates the configuration at build and at start: a bad variable stops both.
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: true,
};

export default nextConfig;
