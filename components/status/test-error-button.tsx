"use client";

import { useState } from "react";
import { sendTestErrorAction } from "@/app/(app)/status/actions";
import { Button } from "@/components/ui/button";

type State = { step: "idle" | "sending" } | { step: "sent"; reference?: string } | { step: "refused"; message: string };

export function TestErrorButton() {
  const [state, setState] = useState<State>({ step: "idle" });

  async function send() {
    setState({ step: "sending" });
    try {
      // It answers only when it refuses to send (the abuse limit).
      const refusal = await sendTestErrorAction();
      setState({ step: "refused", message: refusal.message });
    } catch (error) {
      // The failure is the point: the server reported it; the digest ties this click to the report.
      setState({ step: "sent", reference: (error as { digest?: string }).digest });
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" size="xs" onClick={send} disabled={state.step === "sending"}>
        {state.step === "sending" ? "Sending…" : "Send a test error"}
      </Button>
      <p aria-live="polite" className="text-sm text-slate-600">
        {state.step === "sent" ? `Test error sent${state.reference ? ` (reference ${state.reference})` : ""}.` : null}
        {state.step === "refused" ? state.message : null}
      </p>
    </div>
  );
}
