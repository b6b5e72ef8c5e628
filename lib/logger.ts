import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

/**
 * Structured JSON logs to stdout. `npm run dev` pipes them through pino-pretty; production keeps JSON.
 * Redaction is a second line of defence: callers should not pass secrets in the first place.
 */
export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "taskpilot" },
  redact: {
    paths: ["password", "token", "secret", "authorization", "cookie", "email", "*.password", "*.token", "*.secret", "*.authorization", "*.cookie", "*.email", "headers.authorization", "headers.cookie"],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;
