/** Response checks shared by benchmarks: they throw with a message that says what was served instead. */

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

/**
 * The rendered markup only: the RSC payload in <script> tags repeats every string and would hide a
 * missing row. Streamed parts (after a loading.tsx fallback) arrive as hidden markup, which stays.
 */
function renderedMarkup(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
}

function describe(html: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  return title ? `a page titled "${title}"` : `${html.slice(0, 120).replace(/\s+/g, " ")}…`;
}

export function expectText(html: string, text: string): void {
  if (!renderedMarkup(html).includes(escapeHtml(text))) throw new Error(`expected "${text}" but got ${describe(html)}`);
}

/**
 * Every text appears in the rendered markup, in this order: the page shows these rows, sorted as the
 * query sorts them.
 */
export function expectInOrder(html: string, texts: readonly string[]): void {
  const markup = renderedMarkup(html);
  let from = 0;
  texts.forEach((text, index) => {
    const found = markup.indexOf(escapeHtml(text), from);
    if (found === -1)
      throw new Error(
        `row ${index + 1} of ${texts.length} ("${text}") is missing or out of order in ${describe(html)}`,
      );
    from = found + text.length;
  });
}
