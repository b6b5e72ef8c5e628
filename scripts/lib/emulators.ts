import path from "node:path";
import { connect } from "node:net";
import type { EmulatorSetupOptions } from "../../emulators/shared/types";
import type { ProcessGroup } from "./processes";

interface EmulatorDefinition {
  name: string;
  /** Offset from the app's PORT, so a second stack on another PORT never collides. */
  portOffset: number;
  setup(options: EmulatorSetupOptions): Promise<Record<string, string>>;
}

export const emulators: EmulatorDefinition[] = [
  {
    name: "clerk",
    portOffset: 10,
    setup: async (options) => (await import("../../emulators/clerk/setup")).setup(options),
  },
  {
    name: "stripe",
    portOffset: 20,
    setup: async (options) => (await import("../../emulators/stripe/setup")).setup(options),
  },
  {
    name: "sentry",
    portOffset: 30,
    setup: async (options) => (await import("../../emulators/sentry/setup")).setup(options),
  },
];

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect({ port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** Starts every emulator as its own process and returns the variables the app needs to reach them. */
export async function startEmulators(
  group: ProcessGroup,
  options: { root: string; dataDir: string; appPort: number; appUrl: string; onExit: () => void },
): Promise<Record<string, string>> {
  const appEnv: Record<string, string> = {};
  for (const emulator of emulators) {
    const port = options.appPort + emulator.portOffset;
    const dataDir = path.join(options.dataDir, emulator.name);
    const emulatorEnv = await emulator.setup({ dataDir, port, appUrl: options.appUrl });
    // Node itself (not the tsx launcher) so the IPC channel reaches the emulator: it exits when the stack dies.
    const child = group.start(
      process.execPath,
      ["--import", "tsx", path.join(options.root, "emulators", emulator.name, "main.ts")],
      {
        name: `${emulator.name} emulator`,
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        env: {
          ...process.env,
          ...emulatorEnv,
          EMULATOR_PORT: String(port),
          EMULATOR_DATA_DIR: dataDir,
          APP_URL: options.appUrl,
        },
      },
    );
    child.on("exit", (code) => {
      if (group.isStopping) return;
      console.error(`[stack] ${emulator.name} emulator exited with ${code}`);
      options.onExit();
    });
    await waitForPort(port, 20_000);
    Object.assign(appEnv, emulatorEnv);
  }
  return appEnv;
}
