/** What `npm run stack` hands each emulator's `setup()`. */
export interface EmulatorSetupOptions {
  /** Folder for the emulator's persistent material (keys, secrets, stored users), created if missing. */
  dataDir: string;
  /** Port the emulator will listen on (127.0.0.1). */
  port: number;
  /** The app's origin, e.g. http://localhost:3000, for redirects and webhook delivery. */
  appUrl: string;
}

/** The environment variables an emulator adds to `.env.local` for the app. */
export type AppEnvironment = Record<string, string>;
