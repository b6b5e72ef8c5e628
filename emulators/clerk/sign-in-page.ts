/**
 * A stand-in for Clerk's hosted sign-in: pick a demo user or create one, and come back signed in.
 * Served at /sign-in and /sign-up (through the app's /clerk-fapi rewrite in the browser).
 */
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { escapeHtml } from "./html";
import { html, redirect } from "./responses";
import { safeRedirect } from "./redirects";
import type { Sessions } from "./sessions";
import { DuplicateEmailError, type StoredUser } from "./store";
import type { Users } from "./users";

type Mode = "sign-in" | "sign-up";

const formSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("existing"),
    user_id: z.string().regex(/^user_\w+$/, "Unknown user."),
    redirect_url: z.string().max(2048).optional(),
  }),
  z.object({
    intent: z.literal("create"),
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
    name: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
    redirect_url: z.string().max(2048).optional(),
  }),
]);

interface FormState {
  errors?: Record<string, string | undefined>;
  values?: { email?: string; name?: string };
}

export function signInPage(sessions: Sessions, users: Users): Hono {
  const render = (
    c: Context,
    mode: Mode,
    redirectUrl: string,
    state: FormState = {},
    status: ContentfulStatusCode = 200,
  ) => html(c, page(mode, users.store.listUsers(), redirectUrl, state), status);

  const finish = (c: Context, userId: string, redirectUrl: string | undefined) => {
    const { cookies } = sessions.signIn(c, userId);
    return redirect(c, safeRedirect(sessions.appOrigin, redirectUrl), cookies);
  };

  const submit = async (c: Context, mode: Mode) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
    const redirectUrl = form.redirect_url ?? "";
    const parsed = formSchema.safeParse(form);
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
      return render(c, mode, redirectUrl, { errors, values: form }, 422);
    }
    const input = parsed.data;
    if (input.intent === "existing") {
      if (!users.store.getUser(input.user_id))
        return render(c, mode, redirectUrl, { errors: { form: "Unknown user." } }, 422);
      return finish(c, input.user_id, input.redirect_url);
    }
    const [firstName = "", ...rest] = input.name.split(/\s+/);
    try {
      const { user } = users.create({ email: input.email, firstName, lastName: rest.join(" ") || null });
      return finish(c, user.id, input.redirect_url);
    } catch (error) {
      if (!(error instanceof DuplicateEmailError)) throw error;
      return render(
        c,
        mode,
        redirectUrl,
        { errors: { email: "A user with this email already exists." }, values: form },
        422,
      );
    }
  };

  const app = new Hono();
  for (const mode of ["sign-in", "sign-up"] as const) {
    app.get(`/${mode}`, (c) => render(c, mode, c.req.query("redirect_url") ?? ""));
    app.post(`/${mode}`, (c) => submit(c, mode));
  }
  return app;
}

function page(mode: Mode, users: StoredUser[], redirectUrl: string, { errors = {}, values = {} }: FormState): string {
  // Relative form actions work both directly and behind the app's /clerk-fapi rewrite.
  const hidden = `<input type="hidden" name="redirect_url" value="${escapeHtml(redirectUrl)}">`;
  const error = (field: string) =>
    errors[field] ? `<p class="error" id="${field}-error">${escapeHtml(errors[field]!)}</p>` : "";
  // The typed value, and the error's wiring if the field was refused.
  const inputState = (field: "email" | "name") =>
    `value="${escapeHtml(values[field] ?? "")}"` +
    (errors[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : "");
  const userButtons = users
    .map(
      (u) => `<li><form method="post" action="${mode}">${hidden}<input type="hidden" name="intent" value="existing">
        <button type="submit" name="user_id" value="${escapeHtml(u.id)}" class="user">
          <strong>${escapeHtml([u.firstName, u.lastName].filter(Boolean).join(" "))}</strong>
          <span>${escapeHtml(u.email)}</span></button></form></li>`,
    )
    .join("");
  const title = mode === "sign-in" ? "Sign in to Taskpilot" : "Create your Taskpilot account";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f3f4f6; color: #111827; margin: 0; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; border-radius: 0.75rem; padding: 2rem; \
box-shadow: 0 4px 16px rgb(0 0 0 / 0.08); }
  h1 { font-size: 1.35rem; margin: 0 0 0.25rem; } h2 { font-size: 1rem; margin: 1.75rem 0 0.75rem; }
  .note { color: #6b7280; font-size: 0.85rem; margin: 0; }
  ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
  button { font: inherit; cursor: pointer; }
  .user { width: 100%; text-align: left; display: grid; gap: 0.1rem; padding: 0.7rem 0.9rem; \
border: 1px solid #d1d5db; border-radius: 0.5rem; background: #fff; overflow-wrap: anywhere; }
  .user:hover, .user:focus-visible { border-color: #4f46e5; background: #eef2ff; }
  .user span { color: #6b7280; font-size: 0.85rem; }
  label { display: block; font-size: 0.85rem; font-weight: 600; margin: 0.75rem 0 0.25rem; }
  input[type=text], input[type=email] { box-sizing: border-box; width: 100%; padding: 0.55rem 0.7rem; \
border: 1px solid #d1d5db; border-radius: 0.5rem; font: inherit; }
  input[aria-invalid=true] { border-color: #dc2626; }
  .primary { margin-top: 1rem; width: 100%; padding: 0.65rem; border: 0; border-radius: 0.5rem; background: #4f46e5; \
color: #fff; font-weight: 600; }
  .error { color: #dc2626; font-size: 0.8rem; margin: 0.25rem 0 0; }
</style></head>
<body><main>
<h1>${title}</h1>
<p class="note">Local Clerk emulator: no passwords, no email.</p>
${error("form")}
<h2>Continue as</h2>
<ul>${userButtons}</ul>
<h2>New user</h2>
<form method="post" action="${mode}" novalidate>${hidden}<input type="hidden" name="intent" value="create">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="off" ${inputState("email")}>
  ${error("email")}
  <label for="name">Name</label>
  <input id="name" name="name" type="text" autocomplete="off" ${inputState("name")}>
  ${error("name")}
  <button type="submit" class="primary">Create user and ${mode === "sign-in" ? "sign in" : "sign up"}</button>
</form>
</main></body></html>`;
}
