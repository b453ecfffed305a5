// Sync history in the real window. The app runs on a data folder and
// keyring service of its own (a second tauri-driver), so the runs recorded
// here change nothing the other specs start from. It connects the sandbox
// it starts itself; `paybridge sync` on the same data folder syncs it from
// node (the window reads what the CLI recorded) after an import from the
// CLI, before and after a surname is changed as payroll would. The screen lists the runs with
// their counts, and the newest run's detail shows the surname old → new.
// Light and dark pass axe.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";

import {
  attribute,
  byTestId,
  click,
  connectSandbox,
  openScreen,
  screenshot,
  startApp,
  startDriver,
  textOf,
  valueOf,
} from "../lib/app.mjs";
import { assertNoAxeProblems } from "../lib/a11y.mjs";
import { chooseScheme } from "../lib/scheme.mjs";

const run = promisify(execFile);
const cli =
  process.env.PAYBRIDGE_CLI_BINARY ??
  path.join(path.dirname(process.env.PAYBRIDGE_APP_BINARY ?? ""), "paybridge");

/** `paybridge sync --json` on the app's data folder; exit 0 (done) or 2 (partial). */
async function syncFromCli(env) {
  try {
    const { stdout } = await run(cli, ["sync", "--json"], { env, maxBuffer: 64 << 20 });
    return JSON.parse(stdout);
  } catch (error) {
    if (error.code === 2) return JSON.parse(error.stdout);
    throw new Error(`paybridge sync failed (${error.code}): ${error.stderr || error.stdout}`);
  }
}

async function historyRows(app) {
  const rows = await app.$$('[data-testid="history-run"]');
  const result = [];
  for (const row of rows) {
    const cell = async (testId) => textOf(app, row.$(`[data-testid="${testId}"]`));
    result.push({
      id: Number(await row.getAttribute("data-run-id")),
      trigger: await cell("history-run-trigger"),
      // The badge's words (innerText follows its CSS upper case).
      result: (await cell("history-run-result")).toLowerCase(),
      changed: Number(await cell("history-count-changed")),
      written: Number(await cell("history-count-written")),
      read: Number(await cell("history-count-read")),
      held: Number(await cell("history-count-held")),
    });
  }
  return result;
}

test("the history lists CLI runs with their counts and a run's changed field", async () => {
  const data = mkdtempSync(path.join(os.tmpdir(), "paybridge-e2e-history-"));
  const env = {
    ...process.env,
    PAYBRIDGE_DATA_DIR: data,
    PAYBRIDGE_KEYRING_SERVICE: "paybridge-e2e-history",
  };
  const driver = await startDriver(env);
  try {
    const app = await startApp({ port: driver.port });
    try {
      await openScreen(app, "history");
      await byTestId(app, "history-empty").waitForDisplayed({
        timeoutMsg: "a new app shows no empty history",
      });
      await assertNoAxeProblems(app, "empty history");

      await openScreen(app, "connections");
      await connectSandbox(app);
      const micropayUrl = (await valueOf(app, "micropay-url")).replace(/\/+$/, "");

      // Three new employees imported from the command line, then synced
      // until settled (the first sync adopts what the seed left different).
      const { stdout: listed } = await run(cli, ["employees", "--json"], { env, maxBuffer: 64 << 20 });
      const codes = JSON.parse(listed)
        .filter((candidate) => candidate.linkState.kind === "new" && !candidate.terminated)
        .slice(0, 3)
        .map((candidate) => candidate.empCode);
      assert.equal(codes.length, 3, listed.slice(0, 400));
      await run(cli, ["import", "--emp-code", codes.join(","), "--json"], { env });
      const first = await syncFromCli(env);
      await syncFromCli(env);
      const linked = { empCode: codes[0] };

      const surname = "Vandersteen-Okafor";
      const edited = await fetch(`${micropayUrl}/sandbox/employees/${linked.empCode}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ surname }),
      });
      assert.equal(edited.status, 200, await edited.text());
      const last = await syncFromCli(env);
      assert.ok(last.changed >= 1 && last.written >= 1, JSON.stringify(last).slice(0, 400));

      await openScreen(app, "history");
      await click(app, "history-refresh");
      await app.waitUntil(async () => (await historyRows(app)).length === 3, {
        timeoutMsg: "the history does not list the three runs",
      });
      const rows = await historyRows(app);
      assert.equal(rows[0].id, last.runId, "newest first");
      assert.deepEqual(rows[0], {
        id: last.runId,
        trigger: "Command line",
        result: last.result,
        changed: last.changed,
        written: last.written,
        read: last.read,
        held: last.held,
      });
      assert.equal(rows[2].id, first.runId);

      await app.$(`[data-testid="history-run"][data-run-id="${last.runId}"] [data-testid="history-open-run"]`).click();
      await app.waitUntil(
        async () => (await attribute(app, "history-detail", "data-run-id")) === String(last.runId),
        { timeoutMsg: "the run's detail never opened" },
      );
      const record = app.$(`[data-testid="history-record"][data-emp-code="${linked.empCode}"]`);
      const field = record.$('[data-testid="history-field"][data-field="lastName"]');
      assert.equal(await textOf(app, field.$('[data-testid="history-field-new"]')), surname);
      assert.notEqual(await textOf(app, field.$('[data-testid="history-field-old"]')), surname);
      await screenshot(app, "history-detail-light");
      await assertNoAxeProblems(app, "history detail, light");

      await chooseScheme(app, "dark");
      await openScreen(app, "history");
      await screenshot(app, "history-detail-dark");
      await assertNoAxeProblems(app, "history detail, dark");
      await chooseScheme(app, "auto");
    } finally {
      await app.deleteSession();
    }
  } finally {
    driver.stop();
    rmSync(data, { recursive: true, force: true });
  }
});
