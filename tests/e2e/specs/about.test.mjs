// Settings and help: version, folders and "Copy diagnostics", and the log
// file in the OS log folder for the app. run.sh points XDG_DATA_HOME and
// PAYBRIDGE_DATA_DIR at a scratch folder, so both paths are known here.
// Leaves nothing saved (the connections spec, next, starts blank).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import {
  attribute,
  byTestId,
  click,
  openScreen,
  press,
  startApp,
  textOf,
  valueOf,
} from "../lib/app.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const config = JSON.parse(
  readFileSync(path.resolve(here, "../../../src-tauri/tauri.conf.json"), "utf8"),
);
const logDir = path.join(process.env.XDG_DATA_HOME ?? "", config.identifier, "logs");

/** What the X clipboard holds now (the app owns it after a copy). */
function clipboard() {
  return execFileSync("xclip", ["-o", "-selection", "clipboard"], { encoding: "utf8" });
}

/**
 * What an export killed mid-write leaves in the data folder (a temp file
 * and its note); the engine removes it as it opens, and logs that.
 */
function plantUnfinishedWrite() {
  const dataDir = process.env.PAYBRIDGE_DATA_DIR;
  const temp = path.join(dataDir, ".paybridge-partial-e2e");
  mkdirSync(path.join(dataDir, "unfinished-writes"), { recursive: true, mode: 0o700 });
  writeFileSync(temp, "half an export");
  writeFileSync(path.join(dataDir, "unfinished-writes", "e2e"), temp);
  return temp;
}

test("About shows the version and folders, copies them, and the log file is in the app's log folder", async () => {
  const unfinished = plantUnfinishedWrite();
  const app = await startApp();
  try {
    // Secrets in the forms (not saved): none may reach the diagnostics.
    await click(app, "sandbox-button");
    await app.waitUntil(async () => (await valueOf(app, "micropay-password")) !== "", {
      timeoutMsg: "the sandbox never filled in the forms",
    });
    const secrets = [
      await valueOf(app, "micropay-password"),
      await valueOf(app, "micropay-api-key"),
      await valueOf(app, "worknice-token"),
    ];
    await press(app, "micropay", "test");

    await openScreen(app, "about");
    await app.waitUntil(async () => (await attribute(app, "about-screen", "data-loaded")) === "true", {
      timeoutMsg: "the diagnostics never loaded",
    });
    assert.equal(await textOf(app, byTestId(app, "about-version")), config.version);
    assert.equal(await textOf(app, byTestId(app, "about-data-dir")), process.env.PAYBRIDGE_DATA_DIR);
    assert.equal(await textOf(app, byTestId(app, "about-log-dir")), logDir);

    const logFile = path.join(logDir, "paybridge.log");
    assert.ok(existsSync(logFile), `${logFile} should exist`);
    if (process.platform !== "win32") {
      assert.equal(statSync(logFile).mode & 0o077, 0, "the log file is private to the user");
    }
    // The engine opens after logging starts, so what it logs then is kept.
    assert.ok(!existsSync(unfinished), "the engine removes an unfinished write as it opens");
    assert.match(
      readFileSync(logFile, "utf8"),
      /removed an unfinished write/,
      "what the engine logs while opening should be in the log file",
    );

    await click(app, "copy-diagnostics");
    await app.waitUntil(async () => (await attribute(app, "copy-status", "data-state")) !== "idle", {
      timeoutMsg: "Copy diagnostics never finished",
    });
    assert.equal(await attribute(app, "copy-status", "data-state"), "copied");
    const copied = clipboard();
    assert.match(copied, new RegExp(`^Paybridge ${config.version.replaceAll(".", "\\.")}\\n`));
    assert.ok(copied.includes(`Log folder: ${logDir}\n`), copied);
    assert.ok(copied.includes(`Data folder: ${process.env.PAYBRIDGE_DATA_DIR}\n`), copied);
    for (const secret of secrets) {
      assert.ok(!copied.includes(secret), "a secret from the forms is in the diagnostics");
    }
  } finally {
    await app.deleteSession();
  }
});
