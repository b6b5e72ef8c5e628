import { z } from "zod";
import * as params from "./params";
import { cancel, confirm, type FlowDeps, type View } from "./payment-flow";
import { paymentMethodData, resolvePaymentMethod } from "./payment-methods";
import { defineRoute, type ApiContext, type ApiRoute } from "./routes";
import { newId, nowSeconds, randomToken } from "./store";
import { invalidRequest, resourceMissing, unexpectedState } from "./stripe-errors";
import type { PaymentIntent } from "./types";

/** The fields Stripe returns when a PaymentIntent is read with a publishable key and its client secret. */
const PUBLIC_FIELDS = [
  "id",
  "object",
  "amount",
  "automatic_payment_methods",
  "canceled_at",
  "cancellation_reason",
  "capture_method",
  "client_secret",
  "confirmation_method",
  "created",
  "currency",
  "description",
  "last_payment_error",
  "livemode",
  "next_action",
  "payment_method",
  "payment_method_types",
  "processing",
  "receipt_email",
  "setup_future_usage",
  "shipping",
  "status",
] as const;

const publicView: View = (paymentIntent) =>
  Object.fromEntries(PUBLIC_FIELDS.map((field) => [field, paymentIntent[field]])) as unknown as PaymentIntent;

const viewFor = (ctx: ApiContext): View =>
  ctx.auth.kind === "publishable" ? publicView : (paymentIntent) => paymentIntent;

const cardSource = {
  payment_method: z.string().optional(),
  payment_method_data: paymentMethodData.optional(),
};

const createParams = z.strictObject({
  amount: params.amount,
  currency: params.currency,
  metadata: params.metadata.optional(),
  automatic_payment_methods: z
    .strictObject({ enabled: params.formBoolean, allow_redirects: z.enum(["always", "never"]).optional() })
    .optional(),
  payment_method_types: z.array(z.literal("card")).optional(),
  description: params.optionalText(1000),
  receipt_email: params.optionalText(800),
  confirm: params.formBoolean.optional(),
  return_url: z.string().optional(),
  expand: params.expand.optional(),
  ...cardSource,
});

const updateParams = z.strictObject({
  amount: params.amount.optional(),
  currency: params.currency.optional(),
  metadata: params.metadataUpdate.optional(),
  description: params.optionalText(1000),
  receipt_email: params.optionalText(800),
  payment_method: z.string().optional(),
  expand: params.expand.optional(),
});

const confirmParams = z.strictObject({
  client_secret: z.string().optional(),
  return_url: z.string().optional(),
  receipt_email: params.optionalText(800),
  expand: params.expand.optional(),
  ...cardSource,
});

export function paymentIntentRoutes(deps: FlowDeps): ApiRoute[] {
  const { store } = deps;

  function find(id: string): PaymentIntent {
    const paymentIntent = store.paymentIntents.get(id);
    if (!paymentIntent) throw resourceMissing("payment_intent", id, "intent");
    return paymentIntent;
  }

  /** Stripe.js proves it may act on a PaymentIntent by sending its client secret with the publishable key. */
  function findForCaller(ctx: ApiContext, id: string, clientSecret: string | undefined): PaymentIntent {
    const paymentIntent = find(id);
    if (ctx.auth.kind === "secret") return paymentIntent;
    if (clientSecret === undefined) {
      throw invalidRequest("A publishable key can only act on a PaymentIntent when its client_secret is provided.", {
        code: "parameter_missing",
        param: "client_secret",
      });
    }
    if (clientSecret !== paymentIntent.client_secret) {
      throw invalidRequest(
        "The client_secret provided does not match the client_secret associated with the PaymentIntent.",
        {
          code: "payment_intent_invalid_parameter",
          param: "client_secret",
        },
      );
    }
    return paymentIntent;
  }

  return [
    defineRoute({
      method: "POST",
      path: "/payment_intents",
      params: createParams,
      handle(ctx, input) {
        const stored = resolvePaymentMethod(store, input);
        const id = newId("pi");
        const paymentIntent: PaymentIntent = {
          id,
          object: "payment_intent",
          amount: input.amount,
          amount_capturable: 0,
          amount_received: 0,
          // Since 2023-08-16 Stripe turns automatic payment methods on unless types are listed.
          automatic_payment_methods: input.payment_method_types
            ? null
            : (input.automatic_payment_methods ?? { enabled: true }),
          canceled_at: null,
          cancellation_reason: null,
          capture_method: "automatic",
          client_secret: `${id}_secret_${randomToken(25)}`,
          confirmation_method: "automatic",
          created: nowSeconds(),
          currency: input.currency,
          customer: null,
          description: input.description ?? null,
          last_payment_error: null,
          latest_charge: null,
          livemode: false,
          metadata: input.metadata ?? {},
          next_action: null,
          payment_method: stored?.paymentMethod.id ?? null,
          payment_method_types: ["card"],
          processing: null,
          receipt_email: input.receipt_email ?? null,
          setup_future_usage: null,
          shipping: null,
          status: stored ? "requires_confirmation" : "requires_payment_method",
        };
        store.paymentIntents.set(id, paymentIntent);
        deps.events.emit("payment_intent.created", paymentIntent, ctx.request);
        return input.confirm ? confirm(deps, paymentIntent, stored, ctx.request, viewFor(ctx)) : paymentIntent;
      },
    }),
    defineRoute({
      method: "GET",
      path: "/payment_intents/:id",
      publishable: true,
      params: z.strictObject({ client_secret: z.string().optional(), expand: params.expand.optional() }),
      handle: (ctx, input, id) => viewFor(ctx)(findForCaller(ctx, id, input.client_secret)),
    }),
    defineRoute({
      method: "POST",
      path: "/payment_intents/:id",
      params: updateParams,
      handle(_ctx, input, id) {
        const paymentIntent = find(id);
        const changesPayment =
          input.amount !== undefined || input.currency !== undefined || input.payment_method !== undefined;
        if (changesPayment && !["requires_payment_method", "requires_confirmation"].includes(paymentIntent.status)) {
          throw unexpectedState(
            "You cannot update this PaymentIntent's amount, currency or payment method " +
              `because it has a status of ${paymentIntent.status}.`,
            paymentIntent,
          );
        }
        const stored = resolvePaymentMethod(store, { payment_method: input.payment_method });
        if (input.amount !== undefined) paymentIntent.amount = input.amount;
        if (input.currency !== undefined) paymentIntent.currency = input.currency;
        if (input.metadata !== undefined)
          paymentIntent.metadata = params.mergeMetadata(paymentIntent.metadata, input.metadata);
        if (input.description !== undefined) paymentIntent.description = input.description;
        if (input.receipt_email !== undefined) paymentIntent.receipt_email = input.receipt_email;
        if (stored)
          Object.assign(paymentIntent, { payment_method: stored.paymentMethod.id, status: "requires_confirmation" });
        return paymentIntent;
      },
    }),
    defineRoute({
      method: "POST",
      path: "/payment_intents/:id/confirm",
      publishable: true,
      params: confirmParams,
      handle(ctx, input, id) {
        const paymentIntent = findForCaller(ctx, id, input.client_secret);
        if (input.receipt_email !== undefined) paymentIntent.receipt_email = input.receipt_email;
        const stored = resolvePaymentMethod(store, input);
        return viewFor(ctx)(confirm(deps, paymentIntent, stored, ctx.request, viewFor(ctx)));
      },
    }),
    defineRoute({
      method: "POST",
      path: "/payment_intents/:id/cancel",
      params: z.strictObject({
        cancellation_reason: z.enum(["duplicate", "fraudulent", "requested_by_customer", "abandoned"]).optional(),
        expand: params.expand.optional(),
      }),
      handle: (ctx, input, id) => cancel(deps, find(id), input.cancellation_reason, ctx.request, viewFor(ctx)),
    }),
  ];
}
