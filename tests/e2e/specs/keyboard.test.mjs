// Keyboard alone: from a blank window, Tab through the page in a sensible
// order with a visible focus ring on every stop, start the sandbox with
// Enter, save both connections with Enter and Space, then open Import and
// an employee's preview.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  byTestId,
  disconnectSaved,
  importListLoaded,
  settledStatus,
  startApp,
  valueOf,
} from "../lib/app.mjs";

/** What has focus: its data-testid (or the nearest one), and whether the ring shows. */
async function focused(app) {
  return app.execute(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { testId: null, ring: false };
    // A password field's border is drawn by its wrapper, not the <input>.
    const style = getComputedStyle(element.closest(".mantine-Input-input") ?? element);
    // Mantine rings buttons with an outline and gives inputs a border in
    // the primary colour; either counts as visible focus, as does WebKit's
    // own ring. Only those: a shadow of any other colour is styling, not focus.
    const probe = document.createElement("span");
    probe.style.color = "var(--mantine-primary-color-filled)";
    document.body.appendChild(probe);
    const primary = getComputedStyle(probe).color;
    probe.remove();
    const row = element.closest('[role="row"]');
    const ring =
      (style.outlineStyle !== "none" &&
        parseFloat(style.outlineWidth) > 0 &&
        // "auto" is WebKit's own focus ring (a radio in a SegmentedControl).
        (style.outlineColor === primary || style.outlineStyle === "auto")) ||
      style.boxShadow.includes(primary) ||
      style.borderTopColor === primary ||
      // A cell clips its content's outline: the import list rings the row.
      Boolean(row && getComputedStyle(row).boxShadow.includes(primary));
    const owner = element.closest("[data-testid]");
    return {
      testId: owner?.getAttribute("data-testid") ?? element.tagName,
      ring,
      style: `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}, shadow ${style.boxShadow}, border ${style.borderTopColor} (primary ${primary})`,
    };
  });
}

/** Presses Tab until `testId` has focus; returns every stop on the way, in order. */
async function tabTo(app, testId, limit = 40) {
  const stops = [];
  for (let n = 0; n < limit; n += 1) {
    await app.keys("Tab");
    // Mantine fades an input's border in (100 ms; longer on a busy machine).
    let now = await focused(app);
    const deadline = Date.now() + 3000;
    while (!now.ring && Date.now() < deadline) {
      await app.pause(100);
      now = await focused(app);
    }
    stops.push(now);
    assert.ok(now.ring, `${now.testId} has focus but no visible focus ring: ${now.style}`);
    if (now.testId === testId) return stops;
  }
  throw new Error(`${testId} never got focus; stops: ${stops.map((s) => s.testId).join(", ")}`);
}

const indexOf = (stops, testId) => stops.findIndex((stop) => stop.testId === testId);

async function completed(app, side) {
  return Number(await byTestId(app, `${side}-card`).getAttribute("data-completed"));
}

test("connect both sandboxes with the keyboard alone", async () => {
  const app = await startApp();
  try {
    // Earlier specs may have saved connections: start from none.
    await disconnectSaved(app);
    await app.execute(() => {
      document.activeElement?.blur();
      window.focus();
    });

    const toSandbox = await tabTo(app, "sandbox-button");
    const navigation = ["nav-connections", "nav-import", "nav-backups", "nav-about"];
    const positions = navigation.map((testId) => indexOf(toSandbox, testId));
    assert.ok(
      positions.every((position, n) => position >= 0 && (n === 0 || position > positions[n - 1])),
      `the navigation comes first, in order: ${toSandbox.map((s) => s.testId).join(", ")}`,
    );
    await app.keys("Enter");
    await app.waitUntil(async () => (await valueOf(app, "micropay-url")) !== "", {
      timeoutMsg: "Enter on the sandbox button did not fill in the forms",
    });

    // MicrOpay's fields in reading order, then its buttons.
    const toMicropaySave = await tabTo(app, "micropay-save");
    const micropayOrder = [
      "micropay-url",
      "micropay-username",
      "micropay-password",
      "micropay-api-key",
      "micropay-payroll-company",
      "micropay-test",
      "micropay-save",
    ].map((testId) => indexOf(toMicropaySave, testId));
    assert.ok(
      micropayOrder.every((position, n) => position >= 0 && (n === 0 || position > micropayOrder[n - 1])),
      `MicrOpay's fields and buttons in order: ${toMicropaySave.map((s) => s.testId).join(", ")}`,
    );
    const micropayBefore = await completed(app, "micropay");
    await app.keys("Enter");
    const micropay = await settledStatus(app, "micropay", micropayBefore + 1);
    assert.equal(micropay.state, "connected", micropay.text);

    const toWorkniceSave = await tabTo(app, "worknice-save");
    const workniceOrder = ["worknice-url", "worknice-token", "worknice-test", "worknice-save"].map(
      (testId) => indexOf(toWorkniceSave, testId),
    );
    assert.ok(
      workniceOrder.every((position, n) => position >= 0 && (n === 0 || position > workniceOrder[n - 1])),
      `Worknice's fields and buttons in order: ${toWorkniceSave.map((s) => s.testId).join(", ")}`,
    );
    const workniceBefore = await completed(app, "worknice");
    await app.keys(" ");
    const worknice = await settledStatus(app, "worknice", workniceBefore + 1);
    assert.equal(worknice.state, "connected", worknice.text);
    assert.equal(await byTestId(app, "micropay-card").getAttribute("data-saved"), "true");
    assert.equal(await byTestId(app, "worknice-card").getAttribute("data-saved"), "true");

    // On to Import, and open an employee's preview from the list.
    await tabTo(app, "nav-import");
    await app.keys("Enter");
    await byTestId(app, "import-screen").waitForDisplayed();
    await importListLoaded(app);
    await tabTo(app, "import-row-name");
    const empCode = await app.execute(
      () => document.activeElement.closest('[data-testid="import-row"]').dataset.empCode,
    );
    await app.keys("Enter");
    const preview = byTestId(app, "import-preview-body");
    await preview.waitForDisplayed({ timeoutMsg: "Enter on a name did not open its preview" });
    assert.equal(await preview.getAttribute("data-emp-code"), empCode);
    await app.keys("Escape");
    await preview.waitForDisplayed({ reverse: true, timeoutMsg: "Escape did not close the preview" });
  } finally {
    await app.deleteSession();
  }
});
