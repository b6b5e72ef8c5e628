import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";
import { NextResponse, type NextRequest } from "next/server";
import { appUrl } from "@/lib/app-url";
import { env } from "@/lib/env";

const isPublic = createRouteMatcher(["/", "/sign-in(.*)", "/sign-up(.*)", "/api/webhooks/(.*)", "/api/health(.*)"]);
const isApi = createRouteMatcher(["/api/(.*)"]);

/** Where to come back to after signing in: only a path on this site, never another origin. */
function returnPath(request: NextRequest): string {
  return `${request.nextUrl.pathname}${request.nextUrl.search}`;
}

export default clerkMiddleware(
  async (auth, request) => {
    if (isPublic(request)) return;
    const { userId } = await auth();
    if (userId) return;
    if (isApi(request)) {
      return NextResponse.json({ error: "unauthorized", message: "Sign in to use this API." }, { status: 401 });
    }
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("redirect_url", returnPath(request));
    return NextResponse.redirect(signIn);
  },
  {
    // The keys themselves come from the environment (validated in lib/env.ts): passing secretKey here
    // would switch Clerk to per-request "dynamic keys", which need CLERK_ENCRYPTION_KEY.
    // Verify session tokens with the instance's public key: no call to Clerk on the request path.
    jwtKey: env.CLERK_JWT_KEY,
    authorizedParties: [appUrl],
    proxyUrl: env.NEXT_PUBLIC_CLERK_PROXY_URL,
    signInUrl: "/sign-in",
    signUpUrl: "/sign-up",
  },
);

export const config = {
  matcher: [
    // Everything but Next.js internals, static files and the proxied Clerk Frontend API.
    "/((?!_next|clerk-fapi|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    "/(api|trpc)(.*)",
  ],
};
