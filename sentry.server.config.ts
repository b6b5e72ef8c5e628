import * as Sentry from "@sentry/nextjs";
import { initServerSentry } from "@/lib/observability/sentry-server";

initServerSentry(() => Sentry.httpIntegration());
