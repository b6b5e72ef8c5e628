import { createServer, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";

/**
 * A node:http server for a hono app, not yet listening: tests start it on port 0 in-process, serve.ts
 * on the stack's port. The adapter swaps in its own global Request and Response (compatible subclasses)
 * when it starts, as hono's middleware expects them: call it only where no app code runs.
 */
export function nodeServer(app: { fetch: Parameters<typeof getRequestListener>[0] }): Server {
  const server = createServer(getRequestListener(app.fetch));
  // Idle connections outlive the clients' own 5 s (Node.js's keep-alive agent, behind Next.js's /clerk-fapi
  // rewrite among others), as a real service's do: with both at 5 s, a client could reuse a connection
  // the server was closing, and the request failed with ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/** Closes at once: browsers and SDKs keep connections alive, which would hold close() up. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
