import { createEnv } from "@t3-oss/env-nextjs";
import { publicRuntimeEnv } from "./public-runtime";
import { publicEnvSchema } from "./public-schema";
import { reportInvalidEnvironment } from "./report";

/** The configuration for code that runs in the browser: the public variables and nothing else. */
export const publicEnv = createEnv({
  client: publicEnvSchema,
  experimental__runtimeEnv: publicRuntimeEnv,
  emptyStringAsUndefined: true,
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
  onValidationError: reportInvalidEnvironment,
});
