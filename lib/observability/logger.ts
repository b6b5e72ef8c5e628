import "server-only";
import * as Sentry from "@sentry/nextjs";
import pino from "pino";
import { env } from "@/lib/env";
import { requestContext } from "@/lib/observability/request-context";
import { scrubString, scrubValue } from "@/lib/observability/scrub";

/**
 * Structured JSON logs to stdout; `npm run dev` pipes them through pino-pretty. Every line carries the
 * request's id, route, user id and trace id when there is one. Every line also passes through the
 * same redaction as Sentry events, so a careless field cannot leak a secret, an email or a card.
 */
export function createLogger(destination: pino.DestinationStream = pino.destination(1)) {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { service: "taskpilot" },
      mixin() {
        const traceId = Sentry.getActiveSpan()?.spanContext().traceId;
        return { ...requestContext.current(), ...(traceId ? { traceId } : {}) };
      },
      // Fields are scrubbed by the formatter, the message text by the hook.
      formatters: { log: (fields) => scrubValue(fields) },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((part) => (typeof part === "string" ? scrubString(part) : part)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}

export const logger = createLogger();

export type Logger = typeof logger;
