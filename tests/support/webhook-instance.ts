/**
 * One more instance of the app's Stripe webhook handler, in its own process with its own database pool
 * and Stripe client, served over HTTP. Run with `node --import ./tests/support/app-modules-hook.mjs
 * --import tsx`, with the test run's environment.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { POST } from "@/app/api/webhooks/stripe/route";

const server = createServer(async (incoming, outgoing) => {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const request = new Request(`http://127.0.0.1${incoming.url}`, {
    method: incoming.method,
    headers: incoming.headers as Record<string, string>,
    body: Buffer.concat(chunks),
  });
  try {
    const response = await POST(request);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  } catch {
    // What Next.js does with an error a route handler throws.
    outgoing.writeHead(500).end();
  }
});

server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on("disconnect", () => process.exit(0));
