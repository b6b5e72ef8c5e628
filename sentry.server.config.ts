import * as Sentry from "@sentry/nextjs";
import { isPrerenderedPage } from "@/lib/observability/prerendered-pages";
import { initServerSentry } from "@/lib/observability/sentry-server";

initServerSentry(() => Sentry.httpIntegration({ ignoreIncomingRequests: isPrerenderedPage }));
