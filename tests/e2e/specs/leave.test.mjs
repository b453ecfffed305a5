// The Leave screen in the real window against the sandbox the app starts
// itself: both integration options off with what each does, then turned on
// and kept after a restart; the categories table with inactive codes marked
// and family and domestic violence leave private by default; a category
// made visible (its Worknice leave type made) and another made private.
// An employee's detail shows their balances live from MicrOpay once the
// balances option is on, and says why when the database has none.
// Leaves both connections disconnected, as the specs after it expect.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  attribute,
  byTestId,
  connectSandbox,
  disconnectAndClose,
  importListLoaded,
  importRow,
  openScreen,
  screenshot,
  startApp,
  textOf,
} from "../lib/app.mjs";
import { assertNoAxeProblems } from "../lib/a11y.mjs";
import { flip, isOn, openLeave } from "../lib/leave.mjs";
import { connectSandboxOrigins, control } from "../lib/sandbox.mjs";
import { chooseScheme } from "../lib/scheme.mjs";

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

/** The EmpCodes of the first current employees in the Import list's page. */
const currentEmpCodes = (app, count) =>
  app.execute(
    (wanted) =>
      [...document.querySelectorAll('[data-testid="import-row"]')]
        .filter((row) => row.dataset.empCode && !row.innerText.includes("Terminated"))
        .slice(0, wanted)
        .map((row) => row.dataset.empCode),
    count,
  );

/** Opens an employee's detail from the Import list; resolves with its balances section. */
async function openDetail(app, empCode) {
  await importRow(app, empCode).$('[data-testid="import-row-name"]').click();
  await byTestId(app, "import-preview-body").waitForDisplayed({ timeoutMsg: "the detail never opened" });
  const section = byTestId(app, "leave-balances");
  await app.waitUntil(async () => (await section.getAttribute("data-state")) !== "loading", {
    timeoutMsg: "the balances never loaded",
  });
  return section;
}

async function closeDetail(app) {
  await app.keys("Escape");
  await byTestId(app, "import-preview-body").waitForDisplayed({ reverse: true });
}

test("an employee's detail shows their leave balances live from MicrOpay, or why not", async () => {
  const app = await startApp();
  try {
    const origins = await connectSandboxOrigins(app);
    await openScreen(app, "import");
    await importListLoaded(app);
    const [first, second] = await currentEmpCodes(app, 2);
    assert.ok(first && second, "two current employees in view");

    // Off: nothing is read, and the detail says where to turn it on.
    let section = await openDetail(app, first);
    assert.equal(await section.getAttribute("data-state"), "off");
    assert.match(await textOf(app, section), /turn on .Show employee leave balances live from MicrOpay. on the Leave screen/);
    await closeDetail(app);
    const reads = async () => (await control(origins.micropay, "GET", "leave-balances")).reads;
    assert.deepEqual(await reads(), [], "no balance was read while off");

    await openLeave(app);
    await flip(app, "leave-option-balances", /Show employee leave balances live from MicrOpay.*: on/);

    // On: payroll's figure, in hours and days, with when it was read.
    await control(origins.micropay, "POST", `leave-balances/${first}`, { leaveCode: "AL", hours: 123.5 });
    await openScreen(app, "import");
    section = await openDetail(app, first);
    assert.equal(await section.getAttribute("data-state"), "shown");
    const annual = section.$('[data-testid="leave-balance-row"][data-code="AnnualLeave"]');
    assert.match(await textOf(app, annual.$('[data-testid="leave-balance-hours"]')), /^123\.5 h$/);
    assert.match(await textOf(app, byTestId(app, "leave-balances-as-of")), /^As of \d\d:\d\d, read from MicrOpay/);
    assert.deepEqual(await reads(), [first], "one read, of the employee shown");
    await app.execute((node) => node.scrollIntoView({ block: "end" }), await section);
    await screenshot(app, "leave-balances");
    await assertNoAxeProblems(app, "an employee's leave balances");
    await closeDetail(app);

    // A database without balances: the detail says so; the rest still works.
    await control(origins.micropay, "POST", "leave-balances/unavailable", { unavailable: true });
    section = await openDetail(app, second);
    assert.equal(await section.getAttribute("data-state"), "unavailable");
    assert.match(await textOf(app, section), /Leave balances aren't available from this MicrOpay database/);
    assert.ok(await byTestId(app, "import-preview-tfn").isExisting(), "the rest of the detail is shown");
    await closeDetail(app);
    await openLeave(app);
    assert.match(
      await textOf(app, byTestId(app, "leave-screen")),
      /Leave balances aren't available from this MicrOpay database/,
      "the switch shows why",
    );
    await control(origins.micropay, "POST", "leave-balances/unavailable", { unavailable: false });
    await flip(app, "leave-option-balances", /Show employee leave balances live from MicrOpay.*: off/);
  } finally {
    await disconnectAndClose(app);
  }
});
