// Benchmark (not a test): the Import picker with 10,000 MicrOpay employees.
//
//   tests/e2e/run.sh [--no-build] --bench bench/picker.mjs
//
// Starts `paybridge sandbox --employees 10000` (build it first with
// `cargo build -p paybridge-cli`), saves both connections to it through the
// Connections forms, opens Import and prints, measured inside the webview
// with performance.now() and requestAnimationFrame:
//   - the time from opening Import to all 10,000 rows loaded and painted;
//   - keystroke-to-painted time for a search, median of several keystrokes;
//   - the floor for the load: a bare fetch of the same pages from both
//     sandboxes, in the same run (`paybridge bench fetch --stdin`).
// PAYBRIDGE_BENCH_EMPLOYEES changes the 10,000.
import { execFileSync, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { attribute, byTestId, click, press, screenshot, startApp, type } from "../lib/app.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const cli = process.env.PAYBRIDGE_CLI_BINARY ?? path.join(targetDir, "debug", "paybridge");
const employees = Number(process.env.PAYBRIDGE_BENCH_EMPLOYEES ?? "10000");
// Typed one key at a time, then deleted one key at a time.
const QUERIES = ["nguyen", "E01"];

/** Starts the sandbox servers and resolves with their URLs and credentials. */
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
    console.log(`# ${side}: ${status.text}`);
  }
}

/** Opens Import and resolves, in the page, once every row is loaded and painted. */
async function timeFirstLoad(app, expected) {
  return app.execute(
    (count) =>
      new Promise((resolve) => {
        const started = performance.now();
        document.querySelector('[data-testid="nav-import"]').click();
        const check = () => {
          const screen = document.querySelector('[data-testid="import-screen"]');
          const done =
            screen &&
            screen.getAttribute("data-loading") === "false" &&
            Number(screen.getAttribute("data-total")) === count &&
            document.querySelector('[data-testid="import-row"]');
          if (!done) return requestAnimationFrame(check);
          // This frame holds the rows; the timeout runs once it is painted.
          setTimeout(() =>
            resolve({
              paintedMs: performance.now() - started,
              ipcMs: Number(screen.getAttribute("data-load-ms")),
              fetchedMs: Number(screen.getAttribute("data-fetched-ms")),
              rowsInPage: document.querySelectorAll('[data-testid="import-row"]').length,
              loads: Number(screen.getAttribute("data-loads")),
            }),
          );
        };
        requestAnimationFrame(check);
      }),
    expected,
  );
}

/** Presses Reload and resolves with that load's list_employees time once it is the `loads`th. */
async function timeReload(app, loads) {
  await click(app, "import-reload");
  await app.waitUntil(
    async () =>
      Number(await attribute(app, "import-screen", "data-loads")) >= loads &&
      (await attribute(app, "import-screen", "data-loading")) === "false",
    { timeout: 60_000, timeoutMsg: "a reload never finished" },
  );
  return Number(await attribute(app, "import-screen", "data-load-ms"));
}

/** Records, in the page, each keystroke in the search field to the next paint. */
async function installKeystrokeProbe(app) {
  await app.execute(() => {
    const input = document.querySelector('[data-testid="import-search"]');
    window.__keystrokes = [];
    input.addEventListener(
      "keydown",
      () => {
        const pressed = performance.now();
        // The key's input event and React's render of it run in this task;
        // a zero timeout runs once they are done, before the frame if it is free.
        let scriptMs = null;
        setTimeout(() => (scriptMs = performance.now() - pressed));
        // Each frame until the rows are filtered for what the field holds
        // now (the table may follow the field by a frame or more); the
        // timeout inside that frame's callback runs after it is painted.
        const screen = document.querySelector('[data-testid="import-screen"]');
        const check = () => {
          // A screen without the attribute renders the rows with the field.
          const filteredFor = screen.getAttribute("data-filtered-for") ?? input.value;
          if (filteredFor !== input.value) {
            return requestAnimationFrame(check);
          }
          // Here React has rendered the rows; style, layout and paint come next.
          const rendered = performance.now() - pressed;
          setTimeout(() => {
            window.__keystrokes.push({
              ms: performance.now() - pressed,
              renderedMs: rendered,
              scriptMs,
              value: input.value,
              shown: screen.getAttribute("data-shown"),
            });
          });
        };
        // The keystroke's input event runs before the next frame's callbacks.
        requestAnimationFrame(check);
      },
      { capture: true },
    );
  });
}

async function typeMeasured(app, keys) {
  for (const key of keys) {
    const before = await app.execute(() => window.__keystrokes.length);
    await app.keys([key]);
    await app.waitUntil(async () => (await app.execute(() => window.__keystrokes.length)) > before);
  }
}

/** `paybridge bench fetch` on the same sandbox: the bare fetch and the engine's list_employees, in ms. */
function fetchFloor(sandbox) {
  const output = execFileSync(cli, ["bench", "fetch", "--stdin", "--runs", "3"], {
    input: `${JSON.stringify(sandbox)}\n`,
    stdio: ["pipe", "pipe", "inherit"],
  });
  return JSON.parse(output.toString().trim().split("\n").pop());
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const { child, credentials } = startSandbox();
let app;
try {
  const sandbox = await credentials;
  console.log(`# sandbox with ${employees} employees at ${sandbox.micropay.url}`);
  app = await startApp();
  await app.setTimeout({ script: 300_000 });
  await saveConnections(app, sandbox);

  const load = await timeFirstLoad(app, employees);
  console.log(
    `picker load: ${employees} rows loaded and painted in ${Math.round(load.paintedMs)} ms ` +
      `(list_employees call ${load.ipcMs} ms; ${load.rowsInPage} rows in the page)`,
  );
  console.log(
    `# MicrOpay's last page read ${load.fetchedMs} ms into the call; ` +
      `${load.ipcMs - load.fetchedMs} ms after it (link states, serialising, IPC, parsing)`,
  );
  // Reloads, as the floor is a median of warm runs: each is timed the same way.
  const reloads = [];
  for (let run = 0; run < 3; run++) reloads.push(await timeReload(app, load.loads + run + 1));
  const floor = fetchFloor(sandbox);
  const warm = median(reloads);
  console.log(
    `list_employees on Reload (median of ${reloads.length}: ${reloads.join(", ")} ms): ${warm} ms = ` +
      `${(warm / floor.bareFetchMs).toFixed(2)}x the bare fetch`,
  );
  console.log(
    `bare fetch of the same pages from both sandboxes: ${Math.round(floor.bareFetchMs)} ms ` +
      `(median of ${floor.runs}); list_employees in the window ${load.ipcMs} ms = ` +
      `${(load.ipcMs / floor.bareFetchMs).toFixed(2)}x the bare fetch ` +
      `(engine alone, from the CLI: ${Math.round(floor.listEmployeesMs)} ms)`,
  );

  await click(app, "import-search");
  await installKeystrokeProbe(app);
  for (const query of QUERIES) {
    await typeMeasured(app, [...query]);
    await typeMeasured(
      app,
      [...query].map(() => "\uE003"),
    ); // Backspace
  }
  const samples = await app.execute(() => window.__keystrokes);
  const times = samples.map((sample) => sample.ms);
  const rendered = samples.map((sample) => sample.renderedMs);
  for (const sample of samples) {
    console.log(
      `#   "${sample.value}" → ${sample.shown} shown: painted after ${sample.ms.toFixed(1)} ms ` +
        `(rendered after ${sample.renderedMs.toFixed(1)} ms; script done after ${sample.scriptMs?.toFixed(1)} ms)`,
    );
  }
  console.log(
    `search keystroke-to-painted: median ${median(times).toFixed(1)} ms, ` +
      `max ${Math.max(...times).toFixed(1)} ms over ${times.length} keystrokes ` +
      `(to rendered: median ${median(rendered).toFixed(1)} ms)`,
  );
  if (Number(await attribute(app, "import-screen", "data-shown")) !== employees) {
    throw new Error("the search did not return to every employee");
  }
  await byTestId(app, "import-search").click();
  await screenshot(app, "bench-picker-10000");
} finally {
  if (app) await app.deleteSession();
  child.kill("SIGINT");
}
