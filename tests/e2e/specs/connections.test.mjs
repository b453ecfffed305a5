// The Connections screen in the real window, against the sandbox servers
// the app starts itself. The tests share one data folder and keyring
// (run.sh makes fresh ones) and run in order: the first saves nothing.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  byTestId,
  click,
  isSaved,
  press,
  screenshot,
  settledStatus,
  startApp,
  type,
  valueOf,
} from "../lib/app.mjs";

const CONNECTED = /^Connected to .+ — \d+ employees?$/;
const SAVED_PLACEHOLDER = "Saved in your keyring — leave blank to keep";

async function fillFromSandbox(app) {
  await click(app, "sandbox-button");
  await app.waitUntil(async () => (await valueOf(app, "micropay-url")) !== "", {
    timeoutMsg: "the sandbox never filled in the MicrOpay form",
  });
  assert.match(await valueOf(app, "micropay-url"), /^http:\/\/127\.0\.0\.1:\d+/);
  assert.match(await valueOf(app, "worknice-url"), /^http:\/\/127\.0\.0\.1:\d+/);
  assert.notEqual(await valueOf(app, "micropay-password"), "");
  assert.notEqual(await valueOf(app, "worknice-token"), "");
}

// The CSP allows <style> only with the page's nonce (src-tauri/tauri.conf.json):
// Mantine's own <style> elements must carry it, or the app renders unstyled.
test("the CSP lets Mantine's styles load and reports no violation", async () => {
  const app = await startApp();
  try {
    // From here on every violation is kept; what loaded before is checked by
    // its effect below (a blocked <style> leaves Mantine's variables unset).
    await app.execute(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations.push(
          `${event.violatedDirective} blocked ${event.blockedURI || "inline"}: ${event.sample}`,
        );
      });
    });
    const styles = await app.execute(() => ({
      bodyColor: getComputedStyle(document.documentElement)
        .getPropertyValue("--mantine-color-body")
        .trim(),
      mantineStyles: document.querySelectorAll("style[data-mantine-styles]").length,
      mantineNonce: document.querySelector("style[data-mantine-styles]")?.nonce ?? "",
      withoutNonce: Array.from(document.querySelectorAll("style"))
        .filter((style) => !style.nonce)
        .map((style) => style.outerHTML.slice(0, 80)),
    }));
    assert.notEqual(styles.bodyColor, "", "--mantine-color-body should resolve");
    assert.ok(styles.mantineStyles > 0, "Mantine should have added its <style> elements");
    assert.notEqual(styles.mantineNonce, "", "Mantine's <style> should carry the page nonce");
    assert.deepEqual(styles.withoutNonce, [], "every <style> should carry the page nonce");

    // Styles Mantine adds as the screen changes are allowed too.
    await fillFromSandbox(app);
    await press(app, "micropay", "test");
    const violations = await app.execute(() => window.__cspViolations);
    assert.deepEqual(violations, [], "the CSP blocked something");
  } finally {
    await app.deleteSession();
  }
});

test("a wrong MicrOpay password says the username or password was not accepted", async () => {
  const app = await startApp();
  try {
    await fillFromSandbox(app);
    await type(app, "micropay-password", "not-the-password");
    const status = await press(app, "micropay", "test");
    assert.equal(status.state, "failed");
    assert.equal(status.code, "wrong_credentials");
    assert.equal(
      status.text,
      "MicrOpay did not accept the username or password. Check them and try again.",
    );
    assert.equal(await isSaved(app, "micropay"), false);
    await screenshot(app, "connections-wrong-password");
  } finally {
    await app.deleteSession();
  }
});

test("sandbox → test → save → restart → still connected → disconnect", async () => {
  let app = await startApp();
  const saved = {};
  try {
    await fillFromSandbox(app);
    assert.equal(await byTestId(app, "micropay-password").getAttribute("type"), "password");

    const micropayTest = await press(app, "micropay", "test");
    assert.equal(micropayTest.state, "connected", micropayTest.text);
    assert.match(micropayTest.text, CONNECTED);
    const workniceTest = await press(app, "worknice", "test");
    assert.equal(workniceTest.state, "connected", workniceTest.text);
    assert.match(workniceTest.text, CONNECTED);

    for (const side of ["micropay", "worknice"]) {
      const status = await press(app, side, "save");
      assert.equal(status.state, "connected", status.text);
      assert.ok(await isSaved(app, side), `${side} should show as saved`);
      assert.ok(await byTestId(app, `${side}-disconnect`).isDisplayed());
      saved[side] = { text: status.text, url: await valueOf(app, `${side}-url`) };
    }
    // Saved secrets are never sent back to the window.
    for (const secret of ["micropay-password", "micropay-api-key", "worknice-token"]) {
      assert.equal(await valueOf(app, secret), "", `${secret} should be blank after saving`);
      assert.equal(await byTestId(app, secret).getAttribute("placeholder"), SAVED_PLACEHOLDER);
    }
  } finally {
    await app.deleteSession();
  }

  // A new session starts the app again on the same data folder and keyring.
  app = await startApp();
  try {
    for (const side of ["micropay", "worknice"]) {
      assert.ok(await isSaved(app, side), `${side} should still be saved after a restart`);
      assert.equal(await valueOf(app, `${side}-url`), saved[side].url);
      const rechecked = await settledStatus(app, side);
      assert.equal(rechecked.state, "connected", rechecked.text);
      assert.equal(rechecked.text, saved[side].text);
    }
    assert.notEqual(await valueOf(app, "micropay-username"), "");
    assert.equal(await valueOf(app, "micropay-password"), "");
    assert.equal(await byTestId(app, "worknice-token").getAttribute("placeholder"), SAVED_PLACEHOLDER);
    await screenshot(app, "connections-connected");

    for (const side of ["micropay", "worknice"]) {
      const status = await press(app, side, "disconnect");
      assert.equal(status.state, "idle", status.text);
      assert.match(status.text, /^Disconnected\./);
      assert.equal(await isSaved(app, side), false);
      assert.equal(await byTestId(app, `${side}-disconnect`).isExisting(), false);
    }
  } finally {
    await app.deleteSession();
  }

  // And disconnected stays disconnected.
  app = await startApp();
  try {
    for (const side of ["micropay", "worknice"]) {
      assert.equal(await isSaved(app, side), false, `${side} should stay disconnected`);
      const status = await settledStatus(app, side, 0);
      assert.equal(status.text, "Not connected yet.");
    }
  } finally {
    await app.deleteSession();
  }
});
