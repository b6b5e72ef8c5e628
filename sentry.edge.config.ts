import { initServerSentry } from "@/lib/observability/sentry-server";

// Nothing in Taskpilot runs on the edge runtime today; this keeps Sentry correct if something does.
initServerSentry();
