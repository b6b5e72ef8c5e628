import { backendUserJSON } from "./resources";
import type { ClerkStore, NewUser, StoredUser } from "./store";
import type { UserEventType, UserWebhooks } from "./webhooks";

/** User changes that must also reach the app as webhooks, whoever triggers them. */
export class Users {
  constructor(
    readonly store: ClerkStore,
    readonly webhooks: UserWebhooks,
    private readonly appOrigin: string,
  ) {}

  /** Sends `type` for a user; user.deleted needs only the id, since the user may be gone already. */
  emit(type: UserEventType, user: StoredUser | { id: string }) {
    const data =
      type === "user.deleted"
        ? { id: user.id, object: "user", deleted: true }
        : backendUserJSON(this.appOrigin, user as StoredUser);
    return this.webhooks.sendEvent(type, data);
  }

  create(input: NewUser) {
    const user = this.store.createUser(input);
    return { user, ...this.emit("user.created", user) };
  }

  update(id: string, patch: Partial<Omit<NewUser, "id">>) {
    const user = this.store.updateUser(id, patch);
    return user && { user, ...this.emit("user.updated", user) };
  }

  delete(id: string) {
    return this.store.deleteUser(id) ? this.emit("user.deleted", { id }) : undefined;
  }
}
