import path from "node:path";
import { defineConfig } from "vitest/config";
import { readToolEnv } from "./scripts/lib/tool-env";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      "@": root,
      // The guard only means something to Next.js's bundler; tests run server code directly.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
};
const exclude = ["node_modules/**", ".next*/**", "e2e/**", "bench/**", ".data/**"];
// Embedded PGlite serves one connection at a time: integration files then run one after another.
const onEmbeddedDatabase = !readToolEnv().DATABASE_URL;

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.int.test.ts"],
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude,
          globalSetup: ["tests/support/integration-setup.ts"],
          fileParallelism: !onEmbeddedDatabase,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
