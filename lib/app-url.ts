import "server-only";
import { env } from "@/lib/env";

/** The origin the app is served from, defaulting to localhost on PORT. Server-only: it reads server variables. */
export const appUrl = new URL(env.APP_URL ?? `http://localhost:${env.PORT}`).origin;
