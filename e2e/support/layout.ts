import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** The widths every page must fit without sideways scrolling: a small Android, an iPhone SE/mini, an iPhone. */
export const phoneWidths = [320, 375, 390] as const;

/** Clerk's `<UserButton>`: the only way to sign out, so it must always be on screen. */
export const userMenuButton = (page: Page) => page.getByRole("button", { name: "Open user menu" });

function viewport(page: Page) {
  const size = page.viewportSize();
  if (!size) throw new Error("the page has no fixed viewport");
  return size;
}

/**
 * Nothing is wider than the screen. A phone browser widens its layout viewport to fit wide content
 * (innerWidth then exceeds the screen), so both are compared with the viewport the test set.
 */
export async function expectNoSidewaysScroll(page: Page) {
  const { width } = viewport(page);
  const measured = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(measured, `at ${width} px on ${page.url()}`).toEqual({ scrollWidth: width, innerWidth: width });
}

/** The whole box of `locator` lies inside the viewport. */
export async function expectInsideViewport(locator: Locator) {
  const { width, height } = viewport(locator.page());
  const box = await locator.boundingBox();
  expect(box, "the element is rendered").not.toBeNull();
  const { x, y, width: boxWidth, height: boxHeight } = box as NonNullable<typeof box>;
  expect({ left: x >= 0, top: y >= 0, right: x + boxWidth <= width, bottom: y + boxHeight <= height }).toEqual({
    left: true,
    top: true,
    right: true,
    bottom: true,
  });
}

/** At least 44 × 44 CSS px, the touch target size the issue asks for. */
export async function expectTouchTarget(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box, "the target is rendered").not.toBeNull();
  expect(box?.width).toBeGreaterThanOrEqual(44);
  expect(box?.height).toBeGreaterThanOrEqual(44);
}

/**
 * Serious and critical axe violations. Clerk's `<UserButton showName>` labels its button "Open user
 * menu" while it shows the user's name (label-content-name-mismatch); that markup is Clerk's, so only
 * that one element is left out.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude(".cl-userButtonTrigger").analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/**
 * The focused element shows where it is: an outline, or a ring (box shadow) or border it does not
 * have when unfocused. The unfocused look is read from a copy placed beside it for a moment.
 */
export async function expectVisibleFocus(page: Page) {
  const focus = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { element: "nothing", visible: false };
    const look = (style: CSSStyleDeclaration) => ({
      outline:
        style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== "rgba(0, 0, 0, 0)"
          ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`
          : "none",
      // Only shadows that paint: Tailwind keeps transparent placeholder shadows for its ring utilities.
      boxShadow: style.boxShadow
        .split(/,(?![^(]*\))/)
        .filter((shadow) => !/rgba\(0, 0, 0, 0\)|\/ 0\)/.test(shadow))
        .join(","),
      borderColor: style.borderColor,
    });
    const focused = look(getComputedStyle(element));
    const copy = element.cloneNode(false) as Element;
    copy.removeAttribute("id");
    element.after(copy);
    const plain = look(getComputedStyle(copy));
    copy.remove();
    const visible =
      focused.outline !== plain.outline ||
      focused.boxShadow !== plain.boxShadow ||
      focused.borderColor !== plain.borderColor;
    return { element: element.outerHTML.slice(0, 160), visible };
  });
  expect(focus.visible, `visible focus on ${focus.element}`).toBe(true);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking at every stop that the focus can
 * be seen. Fails if the target is not reached within `limit` presses.
 */
export async function tabTo(target: Locator, { backwards = false, limit = 40 } = {}) {
  const page = target.page();
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    await expectVisibleFocus(page);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${String(target)} was not reached in ${limit} presses of ${backwards ? "Shift+Tab" : "Tab"}`);
}
