import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/**
 * Supervises the processes the stack starts: one stop path for Ctrl-C, SIGTERM, a child that dies,
 * or the main command finishing, so nothing is left running.
 */
export class ProcessGroup {
  private readonly children = new Set<ChildProcess>();
  private stopping = false;

  start(command: string, args: string[], options: SpawnOptions & { name: string }): ChildProcess {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    this.children.add(child);
    child.on("exit", () => this.children.delete(child));
    child.on("error", (error) => {
      console.error(`[stack] ${options.name} failed to start: ${error.message}`);
      this.children.delete(child);
    });
    return child;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  async stopAll(graceMs = 5_000): Promise<void> {
    this.stopping = true;
    const running = [...this.children].filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(
      running.map(
        (child) =>
          new Promise<void>((resolve) => {
            const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
            child.once("exit", () => {
              clearTimeout(force);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
  }
}

/** Resolves when `command args` exits with code 0, rejects otherwise. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${signal ?? code}`)),
    );
  });
}
