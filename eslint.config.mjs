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
    // lib/env/ is the one reader of process.env for the app; tooling has its own reader.
    files: ["app/**", "components/**", "lib/**", "db/**", "proxy.ts", "instrumentation*.ts", "sentry.*.ts"],
    ignores: ["lib/env/**", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Import `env` from '@/lib/env' instead." },
      ],
    },
  },
];

// Prettier keeps code within 120 characters but cannot break strings and comments; this catches those.
config.push({ rules: { "max-len": ["error", { code: 120, ignoreUrls: true }] } });

const layers = [
  { target: "./db", from: ["./lib", "./app", "./components"], message: "db/ is the ground floor." },
  { target: "./lib", from: ["./app", "./components"], message: "lib/ must not depend on the UI." },
];
const productCode = ["app/**", "components/**", "lib/**", "db/**", "proxy.ts", "instrumentation*.ts", "sentry.*.ts"];
const notProductCode = ["emulators", "bench", "scripts", "tests", "e2e"].map((folder) => `./${folder}`);

config.push(
  {
    // Layers point one way: app/ and components/ -> lib/ -> db/. Local stand-ins and tooling stay out.
    files: productCode,
    rules: {
      "import/no-restricted-paths": ["error", { zones: layers }],
      "import/no-cycle": "error",
    },
  },
  {
    files: productCode,
    ignores: ["**/*.test.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            ...layers,
            {
              target: ".",
              from: notProductCode,
              message: "The app never imports emulators, benchmarks, scripts or tests: only configuration differs.",
            },
          ],
        },
      ],
    },
  },
);

export default config;
