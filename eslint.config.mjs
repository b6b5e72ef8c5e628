import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "bench/baseline/.next/**",
      "db/migrations/**",
      "next-env.d.ts",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    // Destructuring to leave a property out (`const { secret: _, ...rest } = x`) is intended.
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Every Drizzle update and delete must carry a where clause, so no query can touch all rows.
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  {
    // lib/env.ts is the one reader of process.env for the app; tooling has its own reader.
    files: ["app/**", "components/**", "lib/**", "db/**", "proxy.ts", "instrumentation*.ts", "sentry.*.ts"],
    ignores: ["lib/env.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Import `env` from '@/lib/env' instead." },
      ],
    },
  },
];

export default config;
