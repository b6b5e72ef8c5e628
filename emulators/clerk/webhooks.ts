import { randomUUID } from "node:crypto";
import { Webhook } from "svix";
import { WebhookSender, type Delivery, type RetryPolicy } from "../shared/webhook-sender";
import { INSTANCE_ID } from "./instance";

export const USER_EVENT_TYPES = ["user.created", "user.updated", "user.deleted"] as const;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, timeoutMs: 10_000 };

type UserEventFields = { type: UserEventType; objectId: string; url: string };

const MAX_KEPT_DELIVERIES = 200;

/** Clerk-shaped user events, svix-signed; the delivery id is the svix-id, the same on every attempt. */
export class UserWebhooks extends WebhookSender<UserEventFields> {
  constructor(url: string, secret: string, policy: RetryPolicy) {
    const signer = new Webhook(secret);
    super({
      url,
      retryPolicy: policy,
      keep: MAX_KEPT_DELIVERIES,
      // Re-signed on every attempt: svix timestamps must be recent.
      headers: (payload, { id }) => {
        const timestamp = new Date();
        return {
          "content-type": "application/json",
          "svix-id": id,
          "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
          "svix-signature": signer.sign(id, timestamp, payload),
        };
      },
    });
  }

  sendEvent(type: UserEventType, data: { id: string }) {
    const payload = JSON.stringify({
      data,
      object: "event",
      type,
      timestamp: Date.now(),
      instance_id: INSTANCE_ID,
      event_attributes: { http_request: { client_ip: "127.0.0.1", user_agent: "clerk-emulator" } },
    });
    return this.send(`msg_${randomUUID().replace(/-/g, "")}`, payload, { type, objectId: data.id, url: this.url });
  }
}

/** The test API's view of a delivery: its outcome is a `status` of pending, delivered or failed. */
export function deliveryJSON({ state, ...delivery }: Delivery<UserEventFields>) {
  return { ...delivery, status: state === "succeeded" ? "delivered" : state };
}
