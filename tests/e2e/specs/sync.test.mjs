// Preview and "Sync now" in the real window, against the sandbox the app
// starts itself, the whole loop the issue asks for: a first name changed in
// MicrOpay shows in Preview old → new and reaches Worknice; with Tax details
// Worknice → MicrOpay a tax change made in Worknice becomes a change request
// waiting for payroll, is accepted on the Payroll desk and implemented; a new
// hire goes to MicrOpay as an Add and is linked once payroll accepts it; an
// approved Worknice leave request is held while its category is hidden, then
// goes to MicrOpay once, and the result says which; cancelled in Worknice
// after that, it goes on the Needs payroll list until marked done; leave
// keyed in MicrOpay shows in Worknice, once. axe
// runs on the Sync screen in light and dark. One app session (the sandboxes
// keep their data only while the app runs), starting by unlinking what
// earlier sessions linked; leaves both disconnected.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  attribute,
  byTestId,
  click,
  disconnectAndClose,
  importListLoaded,
  importRow,
  importRows,
  openScreen,
  screenshot,
  startApp,
  textOf,
  type,
} from "../lib/app.mjs";
import { assertNoAxeProblems } from "../lib/a11y.mjs";
import { openLeave, setLeaveSwitch } from "../lib/leave.mjs";
import { changeRequestsFor, connectSandboxOrigins, control, worknicePerson } from "../lib/sandbox.mjs";
import { chooseScheme } from "../lib/scheme.mjs";

const NEW_FIRST_NAME = "Zephyrine";
const HIRE_CODE = "E9001";

/**
 * Unlinks every linked employee on the Import screen. Links left by earlier
 * specs' sessions point at Worknice people this session's fresh sandbox does
 * not have, and the sandbox draws person ids from its seed, so a person made
 * now can get a stale link's id (the store then refuses a second link to it).
 */
async function unlinkEveryone(app) {
  await openScreen(app, "import");
  await importListLoaded(app);
  await byTestId(app, "import-filter-state").$("label=Linked").click();
  for (;;) {
    const { shown, loads } = await importListLoaded(app);
    if (shown === 0) break;
    const [row] = await importRows(app);
    await row.element.$('[data-testid="import-row-unlink"]').click();
    await click(app, "unlink-confirm");
    await importListLoaded(app, loads + 1);
  }
  await byTestId(app, "import-filter-state").$("label=All").click();
}

/** Imports one employee the Import screen offers as new; resolves with its EmpCode. */
async function importOneNewEmployee(app) {
  await openScreen(app, "import");
  await importListLoaded(app);
  await type(app, "import-search", "E01");
  await app.waitUntil(async () => (await importRows(app)).some((row) => row.state === "new"), {
    timeoutMsg: "no new employee among E01xx",
  });
  const row = (await importRows(app)).find((candidate) => candidate.state === "new");
  await row.element.$('[data-testid="import-row-checkbox"]').click();
  await click(app, "import-start");
  const summary = byTestId(app, "import-summary");
  await summary.waitForExist({ timeoutMsg: "the import never finished" });
  assert.equal(await summary.getAttribute("data-created"), "1", await textOf(app, summary));
  return row.empCode;
}

/** Presses Preview on the Sync screen and waits for the plan. */
async function preview(app) {
  await openScreen(app, "sync");
  const before = Number(await attribute(app, "sync-screen", "data-preview-loads"));
  await click(app, "sync-preview-button");
  await app.waitUntil(
    async () => Number(await attribute(app, "sync-screen", "data-preview-loads")) > before,
    { timeoutMsg: "the preview never came" },
  );
  assert.equal(await byTestId(app, "sync-preview-problem").isExisting(), false, "the preview failed");
  await byTestId(app, "sync-preview").waitForExist();
}

/**
 * One employee's card in a list (searched for), or null when not listed:
 * `sync-plan` is the preview's, `sync-result-plan` the last run's records.
 */
async function planned(app, empCode, list = "sync-plan") {
  await type(app, `${list}-search`, empCode);
  // The list follows the field a frame or more later: wait until it is filtered for it.
  await app.waitUntil(async () => (await attribute(app, list, "data-filtered-for")) === empCode, {
    timeoutMsg: `the search never narrowed ${list} to ${empCode}`,
  });
  assert.ok(Number(await attribute(app, list, "data-shown")) <= 1, `${list}: one ${empCode} at most`);
  const card = byTestId(app, list).$(`[data-testid="sync-employee"][data-emp-code="${empCode}"]`);
  return (await card.isExisting()) ? card : null;
}

/** Presses "Sync now", waits for the result and returns it. */
async function syncNow(app) {
  await openScreen(app, "sync");
  const before = Number(await attribute(app, "sync-screen", "data-runs"));
  await click(app, "sync-now-button");
  await app.waitUntil(async () => Number(await attribute(app, "sync-screen", "data-runs")) > before, {
    timeoutMsg: "the sync never finished",
  });
  const failed = byTestId(app, "sync-failed");
  if (await failed.isExisting()) assert.fail(`the sync could not run: ${await textOf(app, failed)}`);
  const result = byTestId(app, "sync-result");
  await result.waitForExist();
  // The shown preview is read again after a run.
  await app.waitUntil(async () => (await attribute(app, "sync-screen", "data-preview-loading")) === "false");
  return {
    progressUpdates: Number(await attribute(app, "sync-screen", "data-progress-updates")),
    result: await result.getAttribute("data-result"),
    written: Number(await result.getAttribute("data-written")),
    pending: Number(await result.getAttribute("data-pending")),
    text: await textOf(app, result),
  };
}

async function acceptOnDesk(app, id) {
  await byTestId(app, "nav-payroll-desk").waitForDisplayed({ timeout: 15000 });
  await openScreen(app, "payroll-desk");
  const accept = byTestId(app, `desk-accept-${id}`);
  await accept.waitForExist({ timeout: 15000, timeoutMsg: `request ${id} never reached the desk` });
  await click(app, `desk-accept-${id}`);
  await app.waitUntil(async () => (await attribute(app, `desk-request-${id}`, "data-status")) === "implemented", {
    timeoutMsg: `request ${id} was never implemented`,
  });
}

async function chooseNewHireDefaults(app) {
  await openScreen(app, "about");
  await app.waitUntil(async () => (await attribute(app, "new-hire-defaults", "data-loaded")) === "true", {
    timeoutMsg: "MicrOpay's lookups never loaded",
  });
  if ((await attribute(app, "new-hire-defaults", "data-complete")) === "true") return;
  await byTestId(app, "new-hire-location").selectByIndex(1);
  await byTestId(app, "new-hire-payFrequency").selectByIndex(1);
  await byTestId(app, "new-hire-payrollCompany").selectByIndex(1);
  await byTestId(app, "new-hire-payPoint").selectByIndex(1);
  await click(app, "new-hire-defaults-save");
  await app.waitUntil(async () => (await attribute(app, "new-hire-defaults", "data-complete")) === "true", {
    timeoutMsg: "the new-hire defaults were never saved",
  });
}

async function taxToPayroll(app) {
  await openScreen(app, "directions");
  await app.waitUntil(async () => Number(await attribute(app, "directions-screen", "data-loads")) >= 1);
  if ((await attribute(app, "direction-row-tax", "data-direction")) === "worknice-to-micropay") return;
  await byTestId(app, "direction-control-tax").$("label=Worknice → MicrOpay").click();
  await app.waitUntil(
    async () => (await attribute(app, "direction-row-tax", "data-direction")) === "worknice-to-micropay",
    { timeoutMsg: "Tax details never changed direction" },
  );
}

test("Preview shows a MicrOpay name change, Sync now writes it; tax waits for payroll; a new hire is added and linked", async () => {
  const app = await startApp();
  try {
    await openScreen(app, "connections");
    const origins = await connectSandboxOrigins(app);
    await unlinkEveryone(app);
    const code = await importOneNewEmployee(app);
    const before = await worknicePerson(origins, code);
    const oldFirstName = before.personalDetails.firstName;
    assert.notEqual(oldFirstName, NEW_FIRST_NAME);

    // 1. Payroll renames the employee; Preview shows old → new, MicrOpay → Worknice.
    await control(origins.micropay, "POST", `employees/${code}`, { firstName: NEW_FIRST_NAME });
    await preview(app);
    assert.match(await textOf(app, byTestId(app, "sync-preview")), /Would write/);
    assert.ok(Number(await textOf(app, byTestId(app, "sync-count-written"))) >= 1, "the plan writes");
    const card = await planned(app, code);
    assert.ok(card, `${code} is in the plan`);
    const firstName = card.$('[data-testid="sync-field"][data-field="firstName"]');
    assert.ok(await firstName.isExisting(), `no first name planned: ${await textOf(app, card)}`);
    assert.equal(await firstName.getAttribute("data-write"), "worknice");
    assert.equal(
      await textOf(app, firstName.$('[data-testid="sync-field-change"]')),
      `${oldFirstName} → ${NEW_FIRST_NAME}`,
    );
    assert.equal(await textOf(app, firstName.$('[data-testid="sync-field-direction"]')), "MicrOpay → Worknice");
    assert.notEqual(await textOf(app, firstName.$('[data-testid="sync-field-reason"]')), "");
    await screenshot(app, "sync-preview-light");
    await assertNoAxeProblems(app, "sync preview (light)");

    const renamed = await syncNow(app);
    assert.equal(renamed.result, "done", renamed.text);
    assert.ok(renamed.written >= 1, renamed.text);
    assert.ok(renamed.progressUpdates > 0, "the run's progress reached the window");
    assert.equal((await worknicePerson(origins, code)).personalDetails.firstName, NEW_FIRST_NAME);
    await screenshot(app, "sync-result-light");
    await assertNoAxeProblems(app, "sync result (light)");

    // 2. Tax details Worknice → MicrOpay: a tax change made in Worknice waits for payroll.
    await taxToPayroll(app);
    const tax = (await worknicePerson(origins, code)).taxDetails;
    assert.ok(tax, `${code} has tax details in Worknice`);
    // HELP debt: a tax field both sides carry (the tax-free threshold is not compared).
    const helpDebt = !tax.helpDebt;
    await control(origins.worknice, "POST", `people/${code}`, { taxDetails: { ...tax, helpDebt } });
    const sent = await syncNow(app);
    assert.notEqual(sent.result, "failed", sent.text);
    const [request] = (await changeRequestsFor(origins, code)).filter((r) => r.changeType === "Change");
    assert.ok(request, `a change request for ${code} reached MicrOpay: ${sent.text}`);
    assert.equal(request.changeStatus, "Received");
    // The re-read plan shows it waiting, and does not set Worknice back.
    const waiting = await planned(app, code);
    assert.ok(waiting, `${code} is in the plan while payroll decides`);
    assert.equal(await waiting.getAttribute("data-outcome"), "pending");
    assert.match(await textOf(app, waiting), /waiting for payroll/i);
    assert.equal((await worknicePerson(origins, code)).taxDetails.helpDebt, helpDebt);

    // 3. Payroll accepts it on the Payroll desk; the next sync finds it implemented
    // (a preview reads payroll's answers only when a run asks MicrOpay about them).
    await acceptOnDesk(app, request.changeEmployeeId);
    const settled = await syncNow(app);
    assert.equal(settled.result, "done", settled.text);
    const after = await planned(app, code);
    assert.ok(after === null || (await after.getAttribute("data-outcome")) !== "pending", "no longer waiting");
    assert.equal((await worknicePerson(origins, code)).taxDetails.helpDebt, helpDebt);
    const decided = await changeRequestsFor(origins, code);
    assert.deepEqual(decided.map((r) => r.changeStatus), ["Implemented"], "one change request, never resent");

    // 4. A new hire in Worknice: one Add; accepted → linked.
    await chooseNewHireDefaults(app);
    await control(origins.worknice, "POST", "hires", {
      personalDetails: { firstName: "Noor", lastName: "Haddad" },
      job: { positionTitle: "Site Manager", startDate: "2026-02-01", location: "Perth" },
      employeeCode: HIRE_CODE,
    });
    await preview(app);
    await byTestId(app, "sync-plan-filter").$("label*=New hires").click();
    const hire = await planned(app, HIRE_CODE);
    if (!hire) {
      await byTestId(app, "sync-plan-filter").$("label*=All").click();
      const anyKind = await planned(app, HIRE_CODE);
      assert.fail(`${HIRE_CODE} is not planned as a new hire: ${anyKind ? await textOf(app, anyKind) : "not in the plan"}`);
    }
    assert.equal(await hire.getAttribute("data-outcome"), "added");
    const added = await syncNow(app);
    assert.notEqual(added.result, "failed", added.text);
    const adds = (await changeRequestsFor(origins, HIRE_CODE)).filter((r) => r.changeType === "Add");
    assert.equal(adds.length, 1, JSON.stringify(adds));
    // The run that finds the Add implemented links the hire, and says so.
    await acceptOnDesk(app, adds[0].changeEmployeeId);
    const linked = await syncNow(app);
    assert.equal(linked.result, "done", linked.text);
    const linkedRecord = await planned(app, HIRE_CODE, "sync-result-plan");
    assert.ok(linkedRecord, `the run lists ${HIRE_CODE}: ${linked.text}`);
    assert.equal(await linkedRecord.getAttribute("data-outcome"), "linked");
    assert.match(await textOf(app, linkedRecord), /linked to the Worknice person/);
    assert.equal((await changeRequestsFor(origins, HIRE_CODE)).length, 1, "never a second Add");
    // The hire had no date of birth: payroll invents none, so none reaches Worknice.
    const linkedPerson = await worknicePerson(origins, HIRE_CODE);
    assert.equal(linkedPerson.personalDetails.dateOfBirth, null, JSON.stringify(linkedPerson.personalDetails));
    await screenshot(app, "sync-result-linked-light");
    await assertNoAxeProblems(app, "sync result with records (light)");
    // The Import screen agrees: the new MicrOpay employee is linked.
    await openScreen(app, "import");
    const { loads } = await importListLoaded(app);
    await click(app, "import-reload");
    await importListLoaded(app, loads + 1);
    await type(app, "import-search", HIRE_CODE);
    await app.waitUntil(
      async () => (await importRow(app, HIRE_CODE).getAttribute("data-link-state")) === "alreadyLinked",
      { timeoutMsg: `${HIRE_CODE} never showed as linked on the Import screen` },
    );

    // 5. Leave: an approved request of a category employees can't see is held
    // with why; once the category is visible it goes to MicrOpay, once.
    await setLeaveSwitch(app, "leave-option-requests", true);
    const leave = await control(origins.worknice, "POST", "leave-requests", {
      employeeCode: code,
      category: "ANNUAL",
      startDate: "2026-03-02",
      endDate: "2026-03-03",
    });
    await control(origins.worknice, "POST", `leave-requests/${leave.id}/approve`);
    // Hidden after it was approved (employees can't request a hidden one).
    await setLeaveSwitch(app, "leave-visible-AnnualLeave", false);
    const leaveResult = () => byTestId(app, "sync-result-leave");
    const hidden = await syncNow(app);
    assert.equal(await leaveResult().getAttribute("data-held"), "1", hidden.text);
    assert.match(await textOf(app, byTestId(app, "sync-result-leave-held")), new RegExp(`^${code}: `));
    await screenshot(app, "sync-result-leave-held-light");
    await setLeaveSwitch(app, "leave-visible-AnnualLeave", true);
    const transferred = await syncNow(app);
    assert.equal(await leaveResult().getAttribute("data-transferred"), "1", transferred.text);
    assert.match(await textOf(app, byTestId(app, "sync-result-leave-text")), /1 sent to MicrOpay/);
    // With balances on, the day's send of balances to Worknice runs too.
    await setLeaveSwitch(app, "leave-option-balances", true);
    await syncNow(app);
    assert.match(await textOf(app, byTestId(app, "sync-result-leave-text")), /1 already in MicrOpay/);
    assert.match(
      await textOf(app, byTestId(app, "sync-result-leave-balances")),
      /^Leave balances sent to Worknice for \d+ employees: \d+ written/,
    );
    await setLeaveSwitch(app, "leave-option-balances", false);
    const applications = await control(origins.micropay, "GET", "leave-applications");
    assert.equal(applications.filter((a) => a.empCode === code).length, 1, JSON.stringify(applications));

    // 6. Cancelled in Worknice after it went to MicrOpay, whose API can't
    // withdraw it: the sync puts it on the Needs payroll list, once, until a
    // payroll officer marks it done.
    await control(origins.worknice, "POST", `leave-requests/${leave.id}/cancel`);
    await syncNow(app);
    assert.equal(await leaveResult().getAttribute("data-needs-payroll"), "1");
    assert.match(await textOf(app, byTestId(app, "sync-result-leave-text")), /on the Needs payroll list/);
    await syncNow(app);
    assert.equal(await leaveResult().getAttribute("data-needs-payroll"), "0", "raised once, not every run");
    await openLeave(app);
    // The list is read apart from the categories: wait for its own read.
    await app.waitUntil(async () => Number(await attribute(app, "needs-payroll", "data-open")) >= 1, {
      timeoutMsg: "the Needs payroll list never showed the cancelled request",
    });
    const [item] = await app.execute(() =>
      [...document.querySelectorAll('[data-testid^="needs-payroll-item-"]')].map((row) => row.dataset.testid),
    );
    assert.ok(item, "the cancelled request is on the Needs payroll list");
    const id = item.replace("needs-payroll-item-", "");
    const [application] = applications.filter((a) => a.empCode === code);
    assert.match(
      await textOf(app, byTestId(app, `needs-payroll-what-${id}`)),
      new RegExp(`Cancel leave application ${application.leaveApplicationId} in MicrOpay`),
    );
    await screenshot(app, "leave-needs-payroll-light");
    await assertNoAxeProblems(app, "the Needs payroll list");
    await click(app, `needs-payroll-done-${id}`);
    await app.waitUntil(async () => (await attribute(app, "needs-payroll", "data-open")) === "0", {
      timeoutMsg: "the item never left the list",
    });
    assert.match(await textOf(app, byTestId(app, "needs-payroll-saved")), /^Marked done: leave application/);
    assert.match(await textOf(app, byTestId(app, "needs-payroll-recent")), new RegExp(`\\(${code}\\)`));

    // 7. Leave a payroll officer keys in MicrOpay shows in Worknice as
    // approved leave, once, and the result says so.
    await control(origins.micropay, "POST", "leave-applications", {
      empCode: code,
      leaveType: "AnnualLeave",
      startDate: "2027-02-01",
      endDate: "2027-02-02",
    });
    await syncNow(app);
    assert.match(
      await textOf(app, byTestId(app, "sync-result-leave-from-payroll")),
      /^1 leave application entered in MicrOpay: 1 added to Worknice as approved leave\./,
    );
    await syncNow(app);
    const copies = (await control(origins.worknice, "GET", "leave-requests")).filter(
      (request) => request.employeeCode === code && request.startDate === "2027-02-01",
    );
    assert.deepEqual(
      copies.map((request) => request.status),
      ["APPROVED"],
      "one approved copy in Worknice",
    );
    await setLeaveSwitch(app, "leave-option-requests", false);

    await chooseScheme(app, "dark");
    await preview(app);
    await screenshot(app, "sync-preview-dark");
    await assertNoAxeProblems(app, "sync preview (dark)");
    await chooseScheme(app, "auto");
  } finally {
    // A failure here must not hide the one that got us here.
    await disconnectAndClose(app).catch((error) => console.error(`cleaning up: ${error.message}`));
  }
});
