import * as Sentry from "@sentry/nextjs";
import { leaveBuildOutputToNextJs } from "@/lib/observability/sentry-build-output";
import { initServerSentry } from "@/lib/observability/sentry-server";

initServerSentry(() => Sentry.httpIntegration());
if (Sentry.isInitialized()) leaveBuildOutputToNextJs();
