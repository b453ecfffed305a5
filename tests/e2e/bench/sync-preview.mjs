// Benchmark (not a test): the Sync screen's Preview with 5,000 employees.
//
//   tests/e2e/run.sh [--no-build] --bench bench/sync-preview.mjs
//
// Starts `paybridge sandbox --employees 5000` (build it first with
// `cargo build -p paybridge-cli`), saves both connections to it through the
// Connections forms, opens Sync and prints, measured inside the webview with
// performance.now() and requestAnimationFrame: Preview pressed to the plan
// painted, a filter choice to painted, the next page to painted, and each
// search keystroke to painted (median and max). PAYBRIDGE_BENCH_EMPLOYEES
// changes the 5,000.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { byTestId, openScreen, press, startApp, type } from "../lib/app.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const cli = process.env.PAYBRIDGE_CLI_BINARY ?? path.join(targetDir, "debug", "paybridge");
const employees = Number(process.env.PAYBRIDGE_BENCH_EMPLOYEES ?? "5000");

function startSandbox() {
  const child = spawn(cli, ["sandbox", "--employees", String(employees)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const credentials = new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`paybridge sandbox exited (${code})`)));
    createInterface({ input: child.stdout }).once("line", (line) => resolve(JSON.parse(line)));
  });
  return { child, credentials };
}

async function saveConnections(app, { micropay, worknice }) {
  await type(app, "micropay-url", micropay.url);
  await type(app, "micropay-username", micropay.username);
  await type(app, "micropay-password", micropay.password);
  await type(app, "micropay-api-key", micropay.apiKey);
  await type(app, "micropay-payroll-company", micropay.payrollCompany);
  await type(app, "worknice-url", worknice.url);
  await type(app, "worknice-token", worknice.token);
  for (const side of ["micropay", "worknice"]) {
    const status = await press(app, side, "save");
    if (status.state !== "connected") throw new Error(`${side}: ${status.text}`);
  }
}

/**
 * Clicks `clickSelector` in the page and resolves with the ms until the
 * state `until` names holds in a frame and that frame is painted (the
 * page's CSP allows no eval, so the checks are named here).
 */
function timeInPage(app, clickSelector, until) {
  return app.execute(
    (selector, wanted) =>
      new Promise((resolve, reject) => {
        const checks = {
          plan: () => {
            const screen = document.querySelector('[data-testid="sync-screen"]');
            return (
              screen.dataset.previewLoading === "false" &&
              Number(screen.dataset.previewLoads) >= 1 &&
              document.querySelector('[data-testid="sync-employee"]') !== null
            );
          },
          held: () => document.querySelector('[data-testid="sync-plan"]')?.dataset.kind === "held",
          page2: () =>
            document.querySelector('[data-testid="sync-plan-pages"] [data-active]')?.textContent === "2",
        };
        const target = document.querySelector(selector);
        if (!target) return reject(new Error(`nothing matches ${selector}`));
        const started = performance.now();
        target.click();
        const check = () => {
          if (!checks[wanted]()) return requestAnimationFrame(check);
          setTimeout(() => resolve(performance.now() - started));
        };
        requestAnimationFrame(check);
      }),
    clickSelector,
    until,
  );
}

/** Each keystroke in the plan's search to the frame showing its result, painted. */
async function keystrokes(app, text) {
  const times = [];
  for (const key of text) {
    const ms = await app.execute(
      (character) =>
        new Promise((resolve) => {
          const input = document.querySelector('[data-testid="sync-plan-search"]');
          const list = document.querySelector('[data-testid="sync-plan"]');
          const before = list.getAttribute("data-shown");
          const wanted = input.value + character;
          const started = performance.now();
          // What a key press does to a controlled React input.
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
          setter.call(input, wanted);
          input.dispatchEvent(new Event("input", { bubbles: true }));
          let frames = 0;
          const check = () => {
            frames += 1;
            // The deferred filter has caught up once the count changes (or after a few frames).
            if (list.getAttribute("data-shown") === before && frames < 30) return requestAnimationFrame(check);
            setTimeout(() => resolve(performance.now() - started));
          };
          requestAnimationFrame(check);
        }),
      key,
    );
    times.push(ms);
  }
  return times;
}

const { child, credentials } = startSandbox();
let app;
try {
  const sandbox = await credentials;
  app = await startApp();
  await saveConnections(app, sandbox);
  await openScreen(app, "sync");
  const previewMs = await timeInPage(
    app,
    '[data-testid="sync-preview-button"]',
    "plan",
  );
  const shown = Number(await byTestId(app, "sync-plan").getAttribute("data-shown"));
  console.log(`# ${employees} employees; the plan lists ${shown}`);
  console.log(`preview: pressed to plan painted ${Math.round(previewMs)} ms`);
  // The same command called bare from the page, nothing rendered: the engine
  // (read + plan, in this build) and the IPC, apart from React.
  const bare = await app.execute(
    () =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        window.__TAURI_INTERNALS__
          .invoke("sync_preview")
          .then((plan) => {
            const called = performance.now() - started;
            resolve({ called, bytes: JSON.stringify(plan).length });
          }, reject);
      }),
  );
  console.log(
    `sync_preview called bare (engine + IPC, no rendering): ${Math.round(bare.called)} ms, ` +
      `${(bare.bytes / 1024).toFixed(0)} KiB of JSON`,
  );
  const heldMs = await timeInPage(
    app,
    '[data-testid="sync-plan-filter"] input[value="held"] + label, [data-testid="sync-plan-filter"] label:has(+ input[value="held"])',
    "held",
  ).catch((error) => {
    console.log(`# filter not measured: ${error.message}`);
    return null;
  });
  if (heldMs !== null) console.log(`filter "Held": clicked to painted ${Math.round(heldMs)} ms`);
  await byTestId(app, "sync-plan-filter").$("label*=All").click();
  const pageMs = await timeInPage(
    app,
    '[data-testid="sync-plan-pages"] button[aria-label="Next page"]',
    "page2",
  ).catch((error) => {
    console.log(`# next page not measured: ${error.message}`);
    return null;
  });
  if (pageMs !== null) console.log(`next page: clicked to painted ${Math.round(pageMs)} ms`);
  const typed = await keystrokes(app, "E01");
  const sorted = [...typed].sort((a, b) => a - b);
  console.log(
    `search keystroke to painted: median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms, ` +
      `max ${Math.round(sorted.at(-1))} ms over ${typed.length} keystrokes`,
  );
} finally {
  if (app) await app.deleteSession().catch(() => undefined);
  child.kill("SIGTERM");
}
