// The Directions screen and the sync settings in Settings, in the real
// window against the sandbox the app starts itself: flip Tax details to
// Worknice → MicrOpay and find it kept after reopening the screen and after
// a restart; Bank accounts is fixed with its reason; the new-hire defaults
// are chosen from MicrOpay's lookups and saved. Leaves both disconnected,
// as the specs after it expect.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  attribute,
  byTestId,
  click,
  connectSandbox,
  disconnectAndClose,
  openScreen,
  screenshot,
  startApp,
  textOf,
} from "../lib/app.mjs";
import { assertNoAxeProblems } from "../lib/a11y.mjs";
import { chooseScheme } from "../lib/scheme.mjs";

async function directionsLoaded(app, loads = 1) {
  await app.waitUntil(
    async () => Number(await attribute(app, "directions-screen", "data-loads")) >= loads,
    { timeoutMsg: "the directions never loaded" },
  );
}

async function openDirections(app) {
  const before = (await byTestId(app, "directions-screen").isExisting())
    ? Number(await attribute(app, "directions-screen", "data-loads"))
    : 0;
  await openScreen(app, "directions");
  await directionsLoaded(app, before + 1);
}

/** Presses Tab until focus is inside `testId` (the nav comes first); false if it never is. */
async function tabInto(app, testId, limit = 30) {
  for (let n = 0; n < limit; n += 1) {
    await app.keys("Tab");
    const inside = await app.execute(
      (id) => Boolean(document.activeElement?.closest(`[data-testid="${id}"]`)),
      testId,
    );
    if (inside) return true;
  }
  return false;
}

const direction = (app, group) => attribute(app, `direction-row-${group}`, "data-direction");

test("Tax details flip to Worknice → MicrOpay and stay; Bank is fixed; new-hire defaults are saved", async () => {
  let app = await startApp();
  try {
    await connectSandbox(app);
    await openDirections(app);
    assert.equal(await direction(app, "tax"), "micropay-to-worknice");
    const explanation = await textOf(app, byTestId(app, "directions-explanation"));
    assert.match(explanation, /no .last\s+updated. time for each field/);

    // Bank accounts: fixed, with why.
    assert.ok(await byTestId(app, "direction-fixed-bank").isDisplayed());
    assert.match(await textOf(app, byTestId(app, "direction-reason-bank")), /fixed amounts/);
    assert.equal(await byTestId(app, "direction-control-bank").isExisting(), false);
    assert.match(
      await textOf(app, byTestId(app, "direction-elsewhere-leave-requests")),
      /Set on the Leave screen/,
    );

    // By keyboard: Tab reaches Tax details' control and an arrow key flips it.
    await app.execute(() => document.activeElement?.blur());
    assert.ok(await tabInto(app, "direction-control-tax"), "Tab never reached Tax details' control");
    await app.keys("ArrowRight");
    await app.waitUntil(async () => (await direction(app, "tax")) === "worknice-to-micropay", {
      timeoutMsg: "Tax details never changed direction",
    });
    assert.match(
      await textOf(app, byTestId(app, "directions-saved")),
      /Tax details: Worknice → MicrOpay\. Takes effect from the next sync\./,
    );
    assert.match(await textOf(app, byTestId(app, "direction-changed-tax")), /^Changed .* in the app$/);
    // Recorded in the settings history, newest first.
    await app.waitUntil(async () => (await app.$$('[data-testid="settings-history-entry"]')).length === 1, {
      timeoutMsg: "the change never reached the settings history",
    });
    assert.match(
      await textOf(app, byTestId(app, "settings-history-entry")),
      /^Tax details changed from MicrOpay → Worknice to Worknice → MicrOpay \(.* in the app\)$/,
    );
    await screenshot(app, "directions-light");
    await assertNoAxeProblems(app, "directions (light)");

    // Reopening the screen reads it back from the engine.
    await openScreen(app, "connections");
    await openDirections(app);
    assert.equal(await direction(app, "tax"), "worknice-to-micropay");
    assert.equal(await direction(app, "personal"), "micropay-to-worknice");

    // Settings: the new-hire defaults, from MicrOpay's lookups.
    await openScreen(app, "about");
    await app.waitUntil(
      async () => (await attribute(app, "new-hire-defaults", "data-loaded")) === "true",
      { timeoutMsg: "MicrOpay's lookups never loaded" },
    );
    assert.equal(await attribute(app, "new-hire-defaults", "data-complete"), "false");
    assert.match(
      await textOf(app, byTestId(app, "new-hire-defaults-missing")),
      /new hires are held with .choose the new-hire defaults./,
    );
    await byTestId(app, "new-hire-location").selectByAttribute("value", "MEL");
    await byTestId(app, "new-hire-payFrequency").selectByAttribute("value", "F");
    await byTestId(app, "new-hire-payrollCompany").selectByIndex(1);
    // An Add needs a pay point; the sandbox's PayPoint lookup lists them
    // (the engine tests cover a payroll that lists none).
    const payPoint = byTestId(app, "new-hire-payPoint");
    const hasPayPoints = (await payPoint.$$("option")).length > 1;
    assert.ok(hasPayPoints, "the sandbox lists pay points to choose from");
    await payPoint.selectByIndex(1);
    await click(app, "new-hire-defaults-save");
    await app.waitUntil(
      async () => (await textOf(app, byTestId(app, "new-hire-defaults-saved"))).includes("Saved."),
      { timeoutMsg: "the new-hire defaults were never saved" },
    );
    assert.equal(await attribute(app, "new-hire-defaults", "data-complete"), "true");
    assert.equal(await byTestId(app, "new-hire-defaults-missing").isExisting(), false);

    // The schedule: daily at a time.
    await byTestId(app, "sync-schedule-kind").$("label=Daily").click();
    // Mantine puts the test id on the <input> itself.
    const at = byTestId(app, "sync-schedule-at");
    await at.waitForDisplayed();
    await at.setValue("06:30");
    await click(app, "sync-schedule-save");
    await app.waitUntil(async () => (await attribute(app, "sync-schedule", "data-kind")) === "daily", {
      timeoutMsg: "the schedule was never saved",
    });
    assert.match(await textOf(app, byTestId(app, "sync-schedule-saved")), /daily at 06:30/);
    await assertNoAxeProblems(app, "settings (light)");

    await chooseScheme(app, "dark");
    await screenshot(app, "settings-dark");
    await assertNoAxeProblems(app, "settings (dark)");
    await openDirections(app);
    await screenshot(app, "directions-dark");
    await assertNoAxeProblems(app, "directions (dark)");
    await chooseScheme(app, "auto");
  } finally {
    await app.deleteSession();
  }

  // After a restart everything is as it was left.
  app = await startApp();
  try {
    await openDirections(app);
    assert.equal(await direction(app, "tax"), "worknice-to-micropay");
    const history = [];
    for (const entry of await app.$$('[data-testid="settings-history-entry"]')) {
      history.push(await textOf(app, entry));
    }
    assert.match(history[0], /^Sync schedule changed from off to daily at 06:30/);
    assert.ok(
      history.some((line) => line.startsWith("New-hire location changed from not set to MEL")),
      history.join("\n"),
    );
    assert.match(history.at(-1), /^Tax details changed/);
    await openScreen(app, "about");
    await app.waitUntil(async () => (await attribute(app, "new-hire-defaults", "data-loaded")) === "true", {
      timeoutMsg: "MicrOpay's lookups never loaded",
    });
    assert.equal(await attribute(app, "new-hire-defaults", "data-complete"), "true");
    assert.equal(await byTestId(app, "new-hire-location").getValue(), "MEL");
  } finally {
    await disconnectAndClose(app);
  }
});
