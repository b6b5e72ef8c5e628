import { initServerSentry } from "@/lib/observability/sentry-server";

initServerSentry();
