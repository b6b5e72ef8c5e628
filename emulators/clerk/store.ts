import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";

const userSchema = z.object({
  id: z.string(),
  emailAddressId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastSignInAt: z.number().nullable(),
  /** Clerk's public metadata; the app reads `role` from it (through the session token's `metadata` claim). */
  publicMetadata: z.record(z.string(), z.unknown()).default({}),
});
const sessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  status: z.enum(["active", "ended"]),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastActiveAt: z.number(),
});
const clientSchema = z.object({
  id: z.string(),
  sessions: z.array(sessionSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});
const stateSchema = z.object({ users: z.array(userSchema), clients: z.array(clientSchema) });

export type StoredUser = z.infer<typeof userSchema>;
export type StoredSession = z.infer<typeof sessionSchema>;
export type StoredClient = z.infer<typeof clientSchema>;
type State = z.infer<typeof stateSchema>;

export interface NewUser {
  id?: string;
  email: string;
  firstName: string;
  lastName?: string | null;
  publicMetadata?: Record<string, unknown>;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Clerk-style ids: a type prefix and 27 base62 characters. */
export function newId(prefix: string): string {
  return `${prefix}_${Array.from(randomBytes(27), (b) => ALPHABET[b % ALPHABET.length]).join("")}`;
}

/**
 * The app's db:seed relies on the first id; both are stable across restarts and resets. The Demo User is
 * an operator (sees /status), Sam Teammate is an ordinary customer.
 */
export const DEMO_USERS: ReadonlyArray<Required<NewUser>> = [
  {
    id: "user_demo_0000000000000000000001",
    email: "demo@taskpilot.dev",
    firstName: "Demo",
    lastName: "User",
    publicMetadata: { role: "operator" },
  },
  {
    id: "user_demo_0000000000000000000002",
    email: "sam@taskpilot.dev",
    firstName: "Sam",
    lastName: "Teammate",
    publicMetadata: {},
  },
];

export class DuplicateEmailError extends Error {}

/**
 * Users, clients and sessions, persisted as one small JSON file so users keep their ids and browsers
 * stay signed in across emulator restarts.
 */
export class ClerkStore {
  private state: State;

  constructor(private readonly file: string) {
    this.state = existsSync(file)
      ? withDemoMetadata(stateSchema.parse(JSON.parse(readFileSync(file, "utf8"))))
      : seedState();
    this.persist();
  }

  listUsers(): StoredUser[] {
    return [...this.state.users];
  }

  getUser(id: string): StoredUser | undefined {
    return this.state.users.find((u) => u.id === id);
  }

  createUser(input: NewUser): StoredUser {
    if (this.findByEmail(input.email)) throw new DuplicateEmailError(`${input.email} is already taken`);
    if (input.id && this.getUser(input.id)) throw new DuplicateEmailError(`user ${input.id} already exists`);
    const user = makeUser(input);
    this.state.users.push(user);
    this.persist();
    return user;
  }

  updateUser(id: string, patch: Partial<Omit<NewUser, "id">>): StoredUser | undefined {
    const user = this.getUser(id);
    if (!user) return undefined;
    const owner = patch.email ? this.findByEmail(patch.email) : undefined;
    if (owner && owner.id !== id) throw new DuplicateEmailError(`${patch.email} is already taken`);
    Object.assign(user, {
      email: patch.email?.toLowerCase() ?? user.email,
      firstName: patch.firstName ?? user.firstName,
      lastName: patch.lastName === undefined ? user.lastName : patch.lastName,
      updatedAt: Date.now(),
    });
    this.persist();
    return user;
  }

  deleteUser(id: string): boolean {
    const before = this.state.users.length;
    this.state.users = this.state.users.filter((u) => u.id !== id);
    for (const client of this.state.clients) {
      for (const s of client.sessions) if (s.userId === id) s.status = "ended";
      client.sessions = client.sessions.filter((s) => s.status === "active");
    }
    this.persist();
    return this.state.users.length !== before;
  }

  getClient(id: string | undefined): StoredClient | undefined {
    return id ? this.state.clients.find((c) => c.id === id) : undefined;
  }

  createClient(): StoredClient {
    const now = Date.now();
    // Every cookieless visitor gets a client; forget idle signed-out ones so the file stays small.
    this.state.clients = this.state.clients
      .filter((c) => c.sessions.length > 0 || now - c.updatedAt < 86_400_000)
      .slice(-500);
    const client: StoredClient = { id: newId("client"), sessions: [], createdAt: now, updatedAt: now };
    this.state.clients.push(client);
    this.persist();
    return client;
  }

  /**
   * Single-session mode, like the environment we advertise: signing in replaces the client's sessions.
   * `at` (ms) becomes the client's updated_at, which must not be later than the new token's iat.
   */
  signIn(client: StoredClient, userId: string, at = Date.now()): StoredSession {
    const session: StoredSession = {
      id: newId("sess"),
      userId,
      status: "active",
      createdAt: at,
      updatedAt: at,
      lastActiveAt: at,
    };
    client.sessions = [session];
    client.updatedAt = at;
    const user = this.getUser(userId);
    if (user) user.lastSignInAt = at;
    this.persist();
    return session;
  }

  /** Ends one session (or all when `sessionId` is omitted); returns the ended sessions. */
  endSessions(client: StoredClient, sessionId?: string): StoredSession[] {
    const ended = client.sessions.filter((s) => !sessionId || s.id === sessionId);
    const now = Date.now();
    for (const s of ended) Object.assign(s, { status: "ended", updatedAt: now });
    client.sessions = client.sessions.filter((s) => s.status === "active");
    client.updatedAt = now;
    this.persist();
    return ended;
  }

  touch(session: StoredSession): void {
    session.lastActiveAt = Date.now();
    this.persist();
  }

  /** Back to the demo users only, with no clients (every browser becomes signed out). */
  reset(): void {
    this.state = seedState();
    this.persist();
  }

  private findByEmail(email: string): StoredUser | undefined {
    return this.state.users.find((u) => u.email === email.toLowerCase());
  }

  private persist(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.state, null, 2));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

function makeUser(input: NewUser): StoredUser {
  const now = Date.now();
  return {
    id: input.id ?? newId("user"),
    // Given ids (the demo users) get a matching stable email id too.
    emailAddressId: input.id ? input.id.replace(/^user_/, "idn_") : newId("idn"),
    email: input.email.toLowerCase(),
    firstName: input.firstName,
    lastName: input.lastName ?? null,
    createdAt: now,
    updatedAt: now,
    lastSignInAt: null,
    publicMetadata: input.publicMetadata ?? {},
  };
}

/** A file written before users had metadata still makes the Demo User an operator. */
function withDemoMetadata(state: State): State {
  for (const demo of DEMO_USERS) {
    const user = state.users.find((candidate) => candidate.id === demo.id);
    if (user && Object.keys(user.publicMetadata).length === 0) user.publicMetadata = { ...demo.publicMetadata };
  }
  return state;
}

function seedState(): State {
  return { users: DEMO_USERS.map(makeUser), clients: [] };
}
