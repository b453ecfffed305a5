// The Import and Backups screens in the real window, against the sandbox
// the app starts itself (250 employees, seed 1; E0005 has an invalid BSB).
// One app session for the whole story: the Worknice sandbox keeps the
// people it creates only while the app runs.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  attribute,
  byTestId,
  click,
  connectSandbox,
  importListLoaded,
  importRow,
  importRows,
  openScreen,
  screenshot,
  startApp,
  textOf,
  type,
} from "../lib/app.mjs";
import { axeViolations } from "../lib/a11y.mjs";
import { chooseScheme } from "../lib/scheme.mjs";

const MASKED = /^•+ ?\d{3}$/;

async function startAndConnect() {
  const app = await startApp();
  await connectSandbox(app);
  return app;
}

async function pageText(app) {
  return app.execute(() => document.body.innerText);
}

async function selectionCount(app) {
  return Number(await attribute(app, "import-selection-count", "data-count"));
}

/** Clicks Import, waits for the summary and returns its counts. */
async function runImport(app) {
  if (await byTestId(app, "import-summary").isExisting()) await click(app, "import-summary-close");
  const loadsBefore = Number(await attribute(app, "import-screen", "data-loads"));
  await click(app, "import-start");
  const summary = byTestId(app, "import-summary");
  await summary.waitForExist({ timeoutMsg: "the import never finished" });
  // The list reloads after an import, to show the new link states.
  await importListLoaded(app, loadsBefore + 1);
  const count = async (name) => Number(await summary.getAttribute(`data-${name}`));
  return {
    created: await count("created"),
    linked: await count("linked"),
    skipped: await count("skipped"),
    held: await count("held"),
    text: await textOf(app, summary),
  };
}

/** The number of backups the Backups screen lists, once it has loaded. */
async function backupCount(app) {
  await openScreen(app, "backups");
  await app.waitUntil(
    async () => Number(await attribute(app, "backups-screen", "data-loads")) >= 1,
    { timeoutMsg: "the backups never loaded" },
  );
  return Number(await attribute(app, "backups-screen", "data-count"));
}

async function chooseState(app, label) {
  await byTestId(app, "import-filter-state").$(`label=${label}`).click();
}

test("search, preview, import three, see them linked and backed up; again creates nothing", async () => {
  const app = await startAndConnect();
  try {
    // The first import takes the first backup: this one must add it.
    const backupsBefore = await backupCount(app);
    await openScreen(app, "import");
    const loaded = await importListLoaded(app);
    assert.equal(loaded.total, 250, "every sandbox employee is listed");
    assert.equal(await selectionCount(app), 0);

    // Search as you type: the EmpCodes E0200 to E0250.
    await type(app, "import-search", "E02");
    await app.waitUntil(
      async () => Number(await attribute(app, "import-screen", "data-shown")) === 51,
      {
        timeoutMsg: "the search never narrowed the list to E0200–E0250",
      },
    );
    const visible = await importRows(app);
    assert.ok(visible.length > 3, "some rows are in view");
    assert.ok(
      visible.every((row) => row.empCode.startsWith("E02")),
      "only matching rows",
    );

    // Two to create in Worknice and one to link to its Worknice match.
    const chosen = [
      ...visible.filter((row) => row.state === "new").slice(0, 2),
      ...visible.filter((row) => row.state === "matches").slice(0, 1),
    ];
    assert.equal(chosen.length, 3, "two new and one matching employee in view");
    for (const row of chosen) await row.element.$('[data-testid="import-row-checkbox"]').click();
    assert.equal(await selectionCount(app), 3);
    assert.match(await textOf(app, byTestId(app, "import-start")), /^Import 3 employees$/);

    // Preview one: group by group, TFN and account numbers masked.
    await importRow(app, chosen[0].empCode).$('[data-testid="import-row-name"]').click();
    const body = byTestId(app, "import-preview-body");
    await body.waitForDisplayed({ timeoutMsg: "the preview never opened" });
    assert.equal(await body.getAttribute("data-emp-code"), chosen[0].empCode);
    assert.match(await textOf(app, byTestId(app, "import-preview-tfn")), MASKED);
    const accounts = await app.$$('[data-testid="import-preview-account"]');
    assert.ok(accounts.length >= 1, "every sandbox employee has a bank account to show");
    for (const account of accounts) {
      assert.match(await textOf(app, account), MASKED);
    }
    const text = await pageText(app);
    assert.match(text, /Personal details/);
    assert.match(text, /Bank accounts/);
    assert.match(text, /Super funds/);
    assert.doesNotMatch(text, /\b\d{9}\b/, "no 9-digit number (a TFN) is on the page");
    assert.doesNotMatch(text, /\b\d{3} \d{3} \d{3}\b/, "no spaced TFN is on the page");
    await screenshot(app, "import-preview");
    await app.keys("Escape");
    await body.waitForDisplayed({ reverse: true });

    // Import: each is created in Worknice or linked to its match.
    const first = await runImport(app);
    assert.equal(first.created, 2, first.text);
    assert.equal(first.linked, 1, first.text);
    assert.equal(first.held, 0, first.text);
    for (const row of chosen) {
      assert.equal(
        await importRow(app, row.empCode).getAttribute("data-link-state"),
        "alreadyLinked",
        `${row.empCode} shows as linked`,
      );
    }
    await screenshot(app, "import-summary");

    // A backup was taken before anything was written.
    await openScreen(app, "backups");
    await app.waitUntil(async () => (await backupCount(app)) === backupsBefore + 1, {
      timeoutMsg: "the import's backup is not listed",
    });
    const backup = app.$('[data-testid="backup-row"]');
    assert.equal(await backup.getAttribute("data-employees"), "250");
    await screenshot(app, "backups-after-import");

    // Its comparison with MicrOpay now, through axe in both schemes.
    for (const scheme of ["light", "dark"]) {
      await chooseScheme(app, scheme);
      await openScreen(app, "backups");
      await app.$('[data-testid="backup-compare"]').click();
      await app.waitUntil(
        async () => (await attribute(app, "backups-comparison", "data-state")) === "loaded",
        { timeoutMsg: "the comparison never loaded" },
      );
      await screenshot(app, `backups-comparison-${scheme}`);
      const violations = await axeViolations(app);
      assert.deepEqual(violations, [], `axe on the comparison (${scheme})`);
      await app.keys("Escape");
      await byTestId(app, "comparison-unchanged").waitForExist({ reverse: true });
    }
    await chooseScheme(app, "auto");

    // Importing the same three again creates nothing.
    await openScreen(app, "import");
    assert.equal(await selectionCount(app), 3, "the selection survives a reload");
    const again = await runImport(app);
    assert.equal(again.created, 0, again.text);
    assert.equal(again.linked, 0, again.text);
    assert.equal(again.skipped, 3, again.text);
    assert.equal(again.held, 0, again.text);

    // Unlink one: it is matched again (the Worknice person stays).
    const loadsBefore = Number(await attribute(app, "import-screen", "data-loads"));
    await importRow(app, chosen[0].empCode).$('[data-testid="import-row-unlink"]').click();
    await click(app, "unlink-confirm");
    await importListLoaded(app, loadsBefore + 1);
    assert.equal(
      await importRow(app, chosen[0].empCode).getAttribute("data-link-state"),
      "matches",
    );
  } finally {
    await app.deleteSession();
  }
});

test("an employee with an invalid BSB shows as can't import, with the reason", async () => {
  const app = await startAndConnect();
  try {
    await openScreen(app, "import");
    await importListLoaded(app);
    await chooseState(app, "Can't import");
    await app.waitUntil(async () => {
      const shown = Number(await attribute(app, "import-screen", "data-shown"));
      return shown > 0 && shown < 250;
    });
    const rows = await importRows(app);
    assert.ok(rows.every((row) => row.state === "cantImport"));
    const notes = await Promise.all(
      rows.map(async (row) => ({
        empCode: row.empCode,
        badge: await textOf(app, row.element.$('[data-testid="link-state-badge"]')),
        note: await textOf(app, row.element.$('[data-testid="import-row-note"]')),
      })),
    );
    const badBsb = notes.find((row) => /Invalid BSB on bank account 1/.test(row.note));
    assert.ok(badBsb, `a row names the invalid BSB: ${JSON.stringify(notes)}`);
    assert.equal(badBsb.empCode, "E0005");
    assert.match(badBsb.badge, /can't import/i);
    await screenshot(app, "import-cant-import");
  } finally {
    await app.deleteSession();
  }
});

test("backups: create one, compare with MicrOpay now, plain export needs the TFN confirmation", async () => {
  const app = await startAndConnect();
  try {
    await openScreen(app, "backups");
    await app.waitUntil(
      async () => Number(await attribute(app, "backups-screen", "data-loads")) >= 1,
    );
    const before = Number(await attribute(app, "backups-screen", "data-count"));
    await click(app, "backups-create");
    await app.waitUntil(
      async () => Number(await attribute(app, "backups-screen", "data-count")) === before + 1,
      { timeoutMsg: "the new backup was never listed" },
    );

    await app.$('[data-testid="backup-compare"]').click();
    await app.waitUntil(
      async () => (await attribute(app, "backups-comparison", "data-state")) === "loaded",
      {
        timeoutMsg: "the comparison never loaded",
      },
    );
    // Nothing changed in MicrOpay since the backup a moment ago.
    assert.equal(await textOf(app, byTestId(app, "comparison-added")), "0");
    assert.equal(await textOf(app, byTestId(app, "comparison-removed")), "0");
    assert.equal(await textOf(app, byTestId(app, "comparison-changed")), "0");
    assert.equal(await textOf(app, byTestId(app, "comparison-unchanged")), "250");
    await screenshot(app, "backups-comparison");
    await app.keys("Escape");
    await byTestId(app, "comparison-unchanged").waitForExist({ reverse: true });

    await app.$('[data-testid="backup-export"]').click();
    await byTestId(app, "export-save").waitForDisplayed();
    assert.ok(await byTestId(app, "export-save").isEnabled(), "encrypted needs no confirmation");
    await click(app, "export-format-json");
    await byTestId(app, "export-warning").waitForDisplayed();
    assert.match(
      await textOf(app, byTestId(app, "export-warning")),
      /will contain tax file numbers/,
    );
    assert.equal(
      await byTestId(app, "export-save").isEnabled(),
      false,
      "plain JSON waits for the confirmation",
    );
    await click(app, "export-confirm");
    assert.ok(await byTestId(app, "export-save").isEnabled());
    await screenshot(app, "backups-export-confirm");
  } finally {
    await app.deleteSession();
  }
});
