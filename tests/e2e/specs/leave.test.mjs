// The Leave screen in the real window against the sandbox the app starts
// itself: both integration options off with what each does, then turned on
// and kept after a restart; the categories table with inactive codes marked
// and family and domestic violence leave private by default; a category
// made visible (its Worknice leave type made) and another made private.
// Leaves both connections disconnected, as the specs after it expect.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  attribute,
  byTestId,
  connectSandbox,
  disconnectAndClose,
  openScreen,
  screenshot,
  startApp,
  textOf,
} from "../lib/app.mjs";
import { assertNoAxeProblems } from "../lib/a11y.mjs";
import { chooseScheme } from "../lib/scheme.mjs";

async function openLeave(app) {
  const before = (await byTestId(app, "leave-screen").isExisting())
    ? Number(await attribute(app, "leave-screen", "data-loads"))
    : 0;
  await openScreen(app, "leave");
  await app.waitUntil(async () => Number(await attribute(app, "leave-screen", "data-loads")) > before, {
    timeoutMsg: "the Leave screen never loaded",
  });
}

/** Whether the switch (Mantine puts the test id on its <input>) is on. */
const isOn = (app, testId) =>
  app.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.checked ?? null, testId);

/** Flips a switch as a click on it would, and waits for the saved line. */
async function flip(app, testId, saved) {
  await app.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.click(), testId);
  await app.waitUntil(async () => saved.test(await textOf(app, byTestId(app, "leave-saved"))), {
    timeoutMsg: `${testId} was never saved`,
  });
}

test("the Leave screen switches the options and each category's visibility and privacy", async () => {
  let app = await startApp();
  try {
    await connectSandbox(app);
    await openLeave(app);
    assert.equal(await isOn(app, "leave-option-balances"), false);
    assert.equal(await isOn(app, "leave-option-requests"), false);
    const screenText = await textOf(app, byTestId(app, "leave-screen"));
    assert.match(screenText, /Show employee leave balances live from MicrOpay/);
    assert.match(screenText, /Enable leave requests, approvals and automatic transfer to MicrOpay/);

    assert.ok(await byTestId(app, "leave-inactive-RDO").isDisplayed(), "RDO is marked inactive");
    assert.equal(await app.execute(() => document.querySelector('[data-testid="leave-visible-RDO"]')?.disabled), true);
    assert.equal(await attribute(app, "leave-row-FDV", "data-private"), "true");
    assert.match(await textOf(app, byTestId(app, "leave-worknice-FDV")), /will be created in Worknice/);
    assert.match(await textOf(app, byTestId(app, "leave-worknice-SickLeave")), /Personal\/Carer's Leave \(same name\)/);

    await flip(app, "leave-option-requests", /Enable leave requests.*: on, from the next sync\./);
    assert.equal(await isOn(app, "leave-option-requests"), true);
    await flip(app, "leave-visible-FDV", /Family and Domestic Violence Leave: visible to employees\./);
    assert.equal(await attribute(app, "leave-row-FDV", "data-visible"), "true");
    assert.equal(await textOf(app, byTestId(app, "leave-worknice-FDV")), "Family and Domestic Violence Leave");
    await flip(app, "leave-private-CL", /Compassionate Leave: private/);
    assert.equal(await attribute(app, "leave-row-CL", "data-private"), "true");

    await screenshot(app, "leave-light");
    await assertNoAxeProblems(app, "leave (light)");
    await chooseScheme(app, "dark");
    await openLeave(app);
    await screenshot(app, "leave-dark");
    await assertNoAxeProblems(app, "leave (dark)");
    await chooseScheme(app, "auto");
  } finally {
    await app.deleteSession();
  }

  // After a restart the switches are as they were left.
  app = await startApp();
  try {
    await openLeave(app);
    assert.equal(await isOn(app, "leave-option-requests"), true);
    assert.equal(await isOn(app, "leave-option-balances"), false);
    assert.equal(await attribute(app, "leave-row-FDV", "data-visible"), "true");
    assert.equal(await attribute(app, "leave-row-CL", "data-private"), "true");
  } finally {
    await disconnectAndClose(app);
  }
});
