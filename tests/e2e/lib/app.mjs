// Starting the real Paybridge window through tauri-driver, and the few
// waits the specs share. run.sh starts tauri-driver and sets the variables.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { remote } from "webdriverio";

const here = path.dirname(fileURLToPath(import.meta.url));
export const screenshotDir = path.resolve(here, "..", "screenshots");

const application = process.env.PAYBRIDGE_APP_BINARY;
const driverPort = Number(process.env.TAURI_DRIVER_PORT ?? "4444");
// Engine calls talk HTTP to the in-app sandbox; generous but bounded.
const timeout = Number(process.env.PAYBRIDGE_E2E_TIMEOUT_MS ?? "30000");

/**
 * Opens the app in a new WebDriver session and waits for its first load;
 * `port` picks another tauri-driver than run.sh's (see startDriver).
 */
export async function startApp({ port = driverPort } = {}) {
  if (!application) throw new Error("PAYBRIDGE_APP_BINARY is not set: run tests/e2e/run.sh");
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "warn",
    waitforTimeout: timeout,
    capabilities: {
      // tauri-driver speaks classic WebDriver only; with WebdriverIO's
      // BiDi default the session does not start.
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application },
    },
  });
  await byTestId(browser, "connections-screen").waitForExist();
  await browser.waitUntil(
    async () => (await attribute(browser, "connections-screen", "data-loaded")) === "true",
    { timeoutMsg: "the Connections screen never finished loading" },
  );
  return browser;
}

export function byTestId(browser, testId) {
  return browser.$(`[data-testid="${testId}"]`);
}

export async function attribute(browser, testId, name) {
  return byTestId(browser, testId).getAttribute(name);
}

export async function click(browser, testId) {
  const element = byTestId(browser, testId);
  await element.waitForClickable();
  await element.click();
}

export async function type(browser, testId, text) {
  const element = byTestId(browser, testId);
  await element.waitForEnabled();
  await element.setValue(text);
}

export async function valueOf(browser, testId) {
  return byTestId(browser, testId).getValue();
}

/** How many actions and re-checks a card has finished so far. */
async function completed(browser, side) {
  return Number(await attribute(browser, `${side}-card`, "data-completed"));
}

/**
 * Waits until a card has finished at least `count` actions or re-checks
 * and is idle, then returns what its status line says.
 */
export async function settledStatus(browser, side, count = 1) {
  await browser.waitUntil(
    async () =>
      (await completed(browser, side)) >= count &&
      (await attribute(browser, `${side}-card`, "data-busy")) === null &&
      !(await byTestId(browser, `${side}-status-rechecking`).isExisting()),
    { timeoutMsg: `the ${side} card did not finish in time` },
  );
  const line = byTestId(browser, `${side}-status`);
  return {
    state: await line.getAttribute("data-state"),
    code: await line.getAttribute("data-code"),
    text: await line.getText(),
  };
}

/** Clicks a card's button and waits for that action to finish. */
export async function press(browser, side, action) {
  const before = await completed(browser, side);
  await click(browser, `${side}-${action}`);
  return settledStatus(browser, side, before + 1);
}

export async function isSaved(browser, side) {
  return (await attribute(browser, `${side}-card`, "data-saved")) === "true";
}

export async function screenshot(browser, name) {
  mkdirSync(screenshotDir, { recursive: true });
  // Two animation frames: the last state change is painted before the shot.
  await browser.execute(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  const file = path.join(screenshotDir, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}

/** Fills both forms from the built-in sandbox and saves them. */
export async function connectSandbox(browser) {
  await click(browser, "sandbox-button");
  await browser.waitUntil(async () => (await valueOf(browser, "micropay-url")) !== "", {
    timeoutMsg: "the sandbox never filled in the MicrOpay form",
  });
  for (const side of ["micropay", "worknice"]) {
    const status = await press(browser, side, "save");
    if (status.state !== "connected") throw new Error(`${side} did not connect: ${status.text}`);
  }
}

/** Disconnects whichever sides are saved (on the Connections screen). */
export async function disconnectSaved(browser) {
  for (const side of ["micropay", "worknice"]) {
    if (await byTestId(browser, `${side}-disconnect`).isExisting()) await press(browser, side, "disconnect");
  }
}

/** Ends a spec: disconnects what is saved, so the next spec starts from none, and closes the app. */
export async function disconnectAndClose(browser) {
  try {
    await openScreen(browser, "connections");
    await disconnectSaved(browser);
  } finally {
    await browser.deleteSession();
  }
}

/** Opens a screen from the navigation bar. */
export async function openScreen(browser, screen) {
  await click(browser, `nav-${screen}`);
  await byTestId(browser, `${screen}-screen`).waitForDisplayed();
}

/**
 * Waits until the Import screen has finished at least `loads` loads of the
 * employee list and is not loading, then returns how many rows it holds.
 */
export async function importListLoaded(browser, loads = 1) {
  await browser.waitUntil(
    async () =>
      Number(await attribute(browser, "import-screen", "data-loads")) >= loads &&
      (await attribute(browser, "import-screen", "data-loading")) === "false",
    { timeoutMsg: "the Import screen never finished loading the employees" },
  );
  return {
    loads: Number(await attribute(browser, "import-screen", "data-loads")),
    total: Number(await attribute(browser, "import-screen", "data-total")),
    shown: Number(await attribute(browser, "import-screen", "data-shown")),
  };
}

/** The rows of the Import list now in the page (the list is virtual). */
export async function importRows(browser) {
  const rows = await browser.$$('[data-testid="import-row"]');
  const result = [];
  for (const row of rows) {
    result.push({
      element: row,
      empCode: await row.getAttribute("data-emp-code"),
      state: await row.getAttribute("data-link-state"),
      selected: (await row.getAttribute("data-selected")) === "true",
    });
  }
  return result;
}

export function importRow(browser, empCode) {
  return browser.$(`[data-testid="import-row"][data-emp-code="${empCode}"]`);
}

/**
 * The text an element renders. WebKitWebDriver's getText answers "" inside
 * Mantine's drawers and modals and inside the virtual list, so this asks
 * the page instead.
 */
export async function textOf(browser, element) {
  const found = await element;
  await found.waitForExist();
  return (await browser.execute((node) => node.innerText, found)).trim();
}

/**
 * Starts a second tauri-driver whose app gets `env` on top of run.sh's
 * (e.g. a dark GTK theme); resolves with its port and a stop function.
 */
export async function startDriver(env, { port = driverPort + 2 } = {}) {
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: "ignore",
  });
  const stop = () => {
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise((done) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        done(true);
      });
      socket.on("error", () => done(false));
    });
    if (open) return { port, stop };
    if (Date.now() > deadline) {
      stop();
      throw new Error(`tauri-driver on port ${port} never started`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}
