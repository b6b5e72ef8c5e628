import { clerkMiddleware } from "@clerk/nextjs/server";
import * as Sentry from "@sentry/nextjs";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { appUrl } from "@/lib/app-url";
import { env } from "@/lib/env";
import { requestIdFrom } from "@/lib/observability/request-context";
import { contentSecurityPolicyFor, createNonce, reportingEndpoints } from "@/lib/security/content-security-policy";
import { withoutInternalHeaders } from "@/lib/security/internal-headers";
import { recordProxyRefusals } from "@/lib/security/session-refusals";
import { isFrontendApiProxy, refuseSignInFlood } from "@/lib/security/sign-in-limit";

/**
 * A first, coarse gate: pages, Server Actions and route handlers each check the session again
 * themselves. The sign-in and sign-up pages are public but read the session, to send a signed-in
 * visitor on.
 */
const publicPages = [/^\/sign-in(\/|$)/, /^\/sign-up(\/|$)/];
/**
 * Routes that never read a session, so Clerk does not run for them at all. /api/metrics is not
 * anonymous: it checks its own bearer token (METRICS_TOKEN).
 */
const sessionlessRoutes = [
  /^\/api\/webhooks\//,
  /^\/api\/health(\/|$)/,
  /^\/api\/metrics$/,
  // Browsers send violation reports on their own, from signed-out pages too.
  /^\/api\/csp-report$/,
];
const matchesAny = (paths: RegExp[], request: NextRequest) => paths.some((path) => path.test(request.nextUrl.pathname));
const isApi = (request: NextRequest) => request.nextUrl.pathname.startsWith("/api/");

/** Where to come back to after signing in: only a path on this site, never another origin. */
function returnPath(request: NextRequest): string {
  return `${request.nextUrl.pathname}${request.nextUrl.search}`;
}

const pagePolicy = contentSecurityPolicyFor(env);
const pageReportingEndpoints = reportingEndpoints(env);

/** Continues to the page or route, handing it the request id. */
const next = (request: NextRequest) => NextResponse.next({ request: { headers: request.headers } });

const clerk = clerkMiddleware(
  async (auth, request) => {
    if (matchesAny(publicPages, request)) return next(request);
    const { userId } = await auth();
    if (userId) return next(request);
    if (isApi(request)) {
      return NextResponse.json({ error: "unauthorized", message: "Sign in to use this API." }, { status: 401 });
    }
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("redirect_url", returnPath(request));
    return NextResponse.redirect(signIn);
  },
  {
    // The keys themselves come from the environment (validated in lib/env): passing secretKey here
    // would switch Clerk to per-request "dynamic keys", which need CLERK_ENCRYPTION_KEY.
    // Verify session tokens with the instance's public key: no call to Clerk on the request path.
    jwtKey: env.CLERK_JWT_KEY,
    authorizedParties: [appUrl],
    proxyUrl: env.NEXT_PUBLIC_CLERK_PROXY_URL,
    signInUrl: "/sign-in",
    signUpUrl: "/sign-up",
  },
);

/**
 * Clerk verifies the session for everything but the Frontend API proxy (Clerk checks its own) and the
 * sessionless routes; the sign-in limit applies to all of them.
 */
async function answer(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const refused = await refuseSignInFlood(request, request.nextUrl.pathname);
  if (refused) return refused;
  if (isFrontendApiProxy(request.nextUrl.pathname) || matchesAny(sessionlessRoutes, request)) return next(request);
  const response =
    (await Sentry.startSpan({ name: "clerk authenticate", op: "auth.clerk" }, () => clerk(request, event))) ??
    next(request);
  recordProxyRefusals(response);
  return withoutInternalHeaders(request, response);
}

/**
 * Gives every request an id (kept from x-request-id when sane), passed to the handlers and echoed to
 * the caller, applies the per-IP sign-in limit, and traces Clerk's session verification as its own span.
 * Every response but the Frontend API's (Clerk's own) gets a Content-Security-Policy with a fresh nonce;
 * Next.js and Clerk read that nonce from the same header on the request and put it on their scripts.
 */
export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  const requestId = requestIdFrom(request.headers);
  request.headers.set("x-request-id", requestId);
  const policy = isFrontendApiProxy(request.nextUrl.pathname) ? null : pagePolicy({ nonce: createNonce() });
  if (policy) request.headers.set("content-security-policy", policy);
  const response = await answer(request, event);
  response.headers.set("x-request-id", requestId);
  if (policy) response.headers.set("content-security-policy", policy);
  if (policy && pageReportingEndpoints) response.headers.set("reporting-endpoints", pageReportingEndpoints);
  return response;
}

export const config = {
  matcher: [
    // Everything but the landing page (prerendered, it needs no session, and its hash-based policy is
    // recorded at build time: build-adapter.mjs), Next.js internals and static files (clerk-js's bundle
    // among them). Next.js reads the matcher as one string literal.
    // eslint-disable-next-line max-len
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest|txt)).+)",
    "/(api|trpc)(.*)",
  ],
};
