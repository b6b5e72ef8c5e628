import type { Server } from "node:http";

/**
 * Listens on 127.0.0.1, prints the ready line, and stops on SIGINT, SIGTERM, or when the parent
 * stack goes away (it spawns emulators with an IPC channel, whose closing means the stack is gone).
 */
export function serveUntilStopped(name: string, server: Server, port: number, close: () => Promise<void>): void {
  server.on("error", (error) => {
    console.error(`${name} emulator: cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    const actual = typeof address === "object" && address ? address.port : port;
    console.log(`${name} emulator listening on http://127.0.0.1:${actual}`);
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("disconnect", stop);
}
