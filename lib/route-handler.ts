import "server-only";
import { requireUser, UnauthorizedError } from "@/lib/auth";

type AuthedHandler<Context> = (userId: string, request: Request, context: Context) => Promise<Response>;

/**
 * Wraps a route handler that needs a signed-in user. The proxy already refuses anonymous API calls;
 * this checks again at the handler, so a route stays protected even if the proxy's matcher changes.
 */
export function withUser<Context>(handler: AuthedHandler<Context>) {
  return async (request: Request, context: Context): Promise<Response> => {
    let userId: string;
    try {
      userId = await requireUser();
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        return Response.json({ error: "unauthorized", message: error.message }, { status: 401 });
      }
      throw error;
    }
    return handler(userId, request, context);
  };
}
