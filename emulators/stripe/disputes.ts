import { z } from "zod";
import { DASHBOARD_REQUEST } from "./events";
import { listPage, listParams } from "./lists";
import * as params from "./params";
import type { FlowDeps } from "./payment-flow";
import { defineRoute, type ApiContext, type ApiRoute } from "./routes";
import { newId, nowSeconds } from "./store";
import { invalidRequest, resourceMissing } from "./stripe-errors";
import {
  EVIDENCE_FIELDS,
  type Charge,
  type Dispute,
  type DisputeReason,
  type EvidenceField,
  type PaymentIntent,
} from "./types";

/**
 * Card disputes as Stripe's test mode plays them. The bank opens one on a succeeded charge (the
 * 4000 0000 0000 0259 card, or the test API) with status `needs_response`; the merchant submits evidence
 * (`under_review`) or accepts it (`lost`); the bank decides `won` or `lost`. In test mode the evidence
 * text `winning_evidence` or `losing_evidence` makes the bank decide at once, as on Stripe.
 */

type Request = ApiContext["request"];
type Outcome = "won" | "lost";

/** Stripe's test-mode evidence that makes the bank decide at once. */
const TEST_EVIDENCE: Record<string, Outcome> = { winning_evidence: "won", losing_evidence: "lost" };

/** Visa's reason codes for the reasons that have one (the test cards are Visa). */
const VISA_REASON_CODES: Partial<Record<DisputeReason, string>> = {
  fraudulent: "10.4",
  duplicate: "12.6.1",
  product_not_received: "13.1",
  subscription_canceled: "13.2",
  product_unacceptable: "13.3",
  credit_not_processed: "13.6",
};

/** How long the merchant has to respond. */
const RESPONSE_WINDOW_SECONDS = 7 * 24 * 60 * 60;

const isClosed = (dispute: Dispute) => dispute.status === "won" || dispute.status === "lost";

function refuseIfClosed(dispute: Dispute): void {
  if (isClosed(dispute)) {
    throw invalidRequest(
      `This dispute (${dispute.id}) is already closed with status ${dispute.status} and can no longer be changed.`,
    );
  }
}

/** The bank disputes a succeeded charge: `charge.disputed` turns true and `charge.dispute.created` goes out. */
export function openDispute(
  deps: FlowDeps,
  charge: Charge,
  reason: DisputeReason,
  request: Request = DASHBOARD_REQUEST,
): Dispute {
  if (charge.status !== "succeeded") {
    throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be disputed.`, { param: "charge" });
  }
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} has already been disputed.`, { param: "charge" });
  const created = nowSeconds();
  const networkReasonCode = VISA_REASON_CODES[reason] ?? null;
  const dispute: Dispute = {
    id: newId("dp"),
    object: "dispute",
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: {
      ...(Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, null])) as Record<EvidenceField, null>),
      enhanced_evidence: {},
    },
    evidence_details: {
      due_by: created + RESPONSE_WINDOW_SECONDS,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    // A chargeback has already taken the money back: refunding it too would pay the customer twice.
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    network_reason_code: networkReasonCode,
    payment_intent: charge.payment_intent,
    payment_method_details: {
      type: "card",
      card: {
        brand: charge.payment_method_details.card.brand,
        case_type: "chargeback",
        network: charge.payment_method_details.card.brand,
        network_reason_code: networkReasonCode,
      },
    },
    reason,
    status: "needs_response",
  };
  deps.store.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  deps.events.emit("charge.dispute.created", dispute, request);
  return dispute;
}

/** The test API's "dispute from the bank" on a PaymentIntent's successful charge. */
export function disputePaymentIntent(deps: FlowDeps, paymentIntent: PaymentIntent, reason: DisputeReason): Dispute {
  const charge = paymentIntent.latest_charge ? deps.store.charges.get(paymentIntent.latest_charge) : undefined;
  if (paymentIntent.status !== "succeeded" || !charge) {
    throw invalidRequest(`This PaymentIntent (${paymentIntent.id}) does not have a successful charge to dispute.`, {
      param: "payment_intent",
    });
  }
  return openDispute(deps, charge, reason);
}

function close(deps: FlowDeps, dispute: Dispute, outcome: Outcome, request: Request): Dispute {
  refuseIfClosed(dispute);
  dispute.status = outcome;
  deps.events.emit("charge.dispute.closed", dispute, request);
  return dispute;
}

/** The bank's decision, through the test API. */
export const decideDispute = (deps: FlowDeps, dispute: Dispute, outcome: Outcome): Dispute =>
  close(deps, dispute, outcome, DASHBOARD_REQUEST);

const evidenceParams = z.strictObject(
  Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, z.string().max(20_000).optional()])) as Record<
    EvidenceField,
    z.ZodOptional<z.ZodString>
  >,
);

const updateParams = z.strictObject({
  evidence: evidenceParams.optional(),
  metadata: params.metadataUpdate.optional(),
  /** Stripe submits evidence unless told `submit=false`, which only stages it. */
  submit: params.formBoolean.optional(),
  intended_submission_method: z.enum(["manual", "prefer_manual", "prefer_smart_disputes", "smart_disputes"]).optional(),
  expand: params.expand.optional(),
});
type UpdateParams = z.output<typeof updateParams>;

/**
 * Stages or submits evidence and updates metadata; `charge.dispute.updated` follows. Submitted evidence
 * moves the dispute to `under_review` and is then locked; test evidence closes it at once.
 */
function update(deps: FlowDeps, dispute: Dispute, input: UpdateParams, request: Request): Dispute {
  refuseIfClosed(dispute);
  const submitting = input.submit ?? input.evidence !== undefined;
  if ((submitting || input.evidence) && dispute.status === "under_review") {
    throw invalidRequest(
      `The evidence for this dispute (${dispute.id}) has already been submitted and can no longer be changed.`,
      { param: input.evidence ? "evidence" : "submit" },
    );
  }
  if (input.metadata !== undefined) dispute.metadata = params.mergeMetadata(dispute.metadata, input.metadata);
  if (input.intended_submission_method) dispute.intended_submission_method = input.intended_submission_method;
  for (const [field, value] of Object.entries(input.evidence ?? {})) {
    dispute.evidence[field as EvidenceField] = value === "" ? null : (value ?? null);
  }
  const details = dispute.evidence_details;
  details.has_evidence = EVIDENCE_FIELDS.some((field) => dispute.evidence[field] !== null);
  if (submitting) {
    dispute.status = "under_review";
    details.submission_count++;
    details.submission_method = "manual";
  }
  deps.events.emit("charge.dispute.updated", dispute, request);
  const decided = submitting ? TEST_EVIDENCE[dispute.evidence.uncategorized_text ?? ""] : undefined;
  // The bank decides on its own, not as part of the merchant's request.
  return decided ? close(deps, dispute, decided, DASHBOARD_REQUEST) : dispute;
}

export function disputeRoutes(deps: FlowDeps): ApiRoute[] {
  const { store } = deps;
  const find = (id: string) => {
    const dispute = store.disputes.get(id);
    if (!dispute) throw resourceMissing("dispute", id);
    return dispute;
  };
  return [
    defineRoute({
      method: "GET",
      path: "/disputes",
      params: z.strictObject({ payment_intent: z.string().optional(), charge: z.string().optional(), ...listParams }),
      handle(_ctx, input) {
        const matching = [...store.disputes.values()]
          .filter(
            (dispute) =>
              (input.payment_intent === undefined || dispute.payment_intent === input.payment_intent) &&
              (input.charge === undefined || dispute.charge === input.charge),
          )
          .reverse();
        return listPage("/v1/disputes", "dispute", matching, input);
      },
    }),
    defineRoute({
      method: "GET",
      path: "/disputes/:id",
      params: z.strictObject({ expand: params.expand.optional() }),
      handle: (_ctx, _input, id) => find(id),
    }),
    defineRoute({
      method: "POST",
      path: "/disputes/:id",
      params: updateParams,
      handle: (ctx, input, id) => update(deps, find(id), input, ctx.request),
    }),
    defineRoute({
      method: "POST",
      path: "/disputes/:id/close",
      params: z.strictObject({ expand: params.expand.optional() }),
      // Closing is the merchant accepting the dispute: it is lost.
      handle: (ctx, _input, id) => close(deps, find(id), "lost", ctx.request),
    }),
  ];
}
