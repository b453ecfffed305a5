// Light and dark, and axe-core on every screen in both. The colour scheme
// follows the computer (Mantine's "auto") until the user picks one in
// Settings; the choice is kept across restarts. Screenshots of every
// screen in both schemes land in tests/e2e/screenshots/.
// Runs second (by name, after about) and leaves nothing saved: the
// connections spec starts from a blank app, and the import spec's import
// must take the first backup (its spec checks the comparison with axe).
import assert from "node:assert/strict";
import { test } from "node:test";

import { axeViolations } from "../lib/a11y.mjs";
import {
  attribute,
  byTestId,
  click,
  connectSandbox,
  disconnectAndClose,
  importListLoaded,
  openScreen,
  screenshot,
  startApp,
  startDriver,
} from "../lib/app.mjs";
import { appliedScheme, chooseScheme } from "../lib/scheme.mjs";

async function checkedScheme(app) {
  return app.execute(
    () => document.querySelector('[data-testid="color-scheme"] input:checked')?.value ?? null,
  );
}

const SCREENS = {
  connections: async () => {},
  import: async (app) => {
    await importListLoaded(app);
  },
  directions: async (app) => {
    await app.waitUntil(
      async () => Number(await attribute(app, "directions-screen", "data-loads")) >= 1,
      { timeoutMsg: "the directions never loaded" },
    );
  },
  // Empty until Preview is pressed; specs/sync.test.mjs checks it full.
  sync: async () => {},
  backups: async (app) => {
    await app.waitUntil(
      async () => Number(await attribute(app, "backups-screen", "data-loads")) >= 1,
      { timeoutMsg: "the backups never loaded" },
    );
  },
  about: async (app) => {
    await app.waitUntil(async () => (await attribute(app, "about-screen", "data-loaded")) === "true", {
      timeoutMsg: "the diagnostics never loaded",
    });
  },
};

/** A preview of the first listed employee in `state`. */
function preview(name, state) {
  return {
    name,
    open: async (app) => {
      await app
        .$(`[data-testid="import-row"][data-link-state="${state}"] [data-testid="import-row-name"]`)
        .click();
      await byTestId(app, "import-preview-body").waitForDisplayed({ timeoutMsg: `no ${name}` });
    },
    closed: (app) => byTestId(app, "import-preview-body").waitForDisplayed({ reverse: true }),
  };
}

/** The drawers and modal each screen opens, checked like the screens. */
const OVERLAYS = {
  // A can't-import preview shows its reason in the danger colour.
  import: [preview("preview", "new"), preview("cant-import-preview", "cantImport")],
};

test("the colour scheme follows the computer until one is picked, and the pick is kept", async () => {
  let app = await startApp();
  try {
    await openScreen(app, "about");
    assert.equal(await checkedScheme(app), "auto", "a fresh app follows the computer");
    const computerIsDark = await app.execute(
      () => window.matchMedia("(prefers-color-scheme: dark)").matches,
    );
    assert.equal(await appliedScheme(app), computerIsDark ? "dark" : "light");

    await chooseScheme(app, "dark");
    assert.equal(await checkedScheme(app), "dark");
    await chooseScheme(app, "light");
    assert.equal(await appliedScheme(app), "light");
    await chooseScheme(app, "dark");
    // WebKit writes localStorage to disk on a timer (about a second), and
    // ending the session kills the app rather than quitting it: a user's
    // quit flushes it, this kill may not. Seen lost once on a loaded machine.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  } finally {
    await app.deleteSession();
  }

  app = await startApp();
  try {
    assert.equal(await appliedScheme(app), "dark", "the pick survives a restart");
    await chooseScheme(app, "auto");
    assert.equal(await checkedScheme(app), "auto");
  } finally {
    await app.deleteSession();
  }
});

test("on a computer set to dark, the window opens dark until told otherwise", async () => {
  // GTK_THEME=Adwaita:dark is how a GNOME desktop says "dark" to the webview.
  const driver = await startDriver({ GTK_THEME: "Adwaita:dark" });
  try {
    const app = await startApp({ port: driver.port });
    try {
      assert.equal(
        await app.execute(() => window.matchMedia("(prefers-color-scheme: dark)").matches),
        true,
        "the webview should see the dark theme",
      );
      assert.equal(await appliedScheme(app), "dark");
      await chooseScheme(app, "light");
      assert.equal(await appliedScheme(app), "light", "Light overrides the computer");
      await chooseScheme(app, "auto");
      await app.waitUntil(async () => (await appliedScheme(app)) === "dark", {
        timeoutMsg: "back on auto, the window did not follow the computer to dark",
      });
    } finally {
      await app.deleteSession();
    }
  } finally {
    driver.stop();
  }
});

test("every screen in light and dark: no serious or critical axe violation", async () => {
  const app = await startApp();
  const problems = [];
  try {
    await connectSandbox(app);
    for (const scheme of ["light", "dark"]) {
      await chooseScheme(app, scheme);
      const check = async (view) => {
        await screenshot(app, `${view}-${scheme}`);
        for (const violation of await axeViolations(app)) {
          problems.push(
            `${view} (${scheme}) ${violation.impact}: ${violation.id} — ${violation.help}\n` +
              violation.nodes.map((node) => `    ${node.target}\n      ${node.summary}`).join("\n"),
          );
        }
      };
      for (const [screen, loaded] of Object.entries(SCREENS)) {
        await openScreen(app, screen);
        await loaded(app);
        await check(screen);
        for (const overlay of OVERLAYS[screen] ?? []) {
          await overlay.open(app);
          await check(`${screen}-${overlay.name}`);
          await app.keys("Escape");
          await overlay.closed(app);
        }
      }
    }
    assert.deepEqual(problems, [], `axe found problems:\n${problems.join("\n")}`);
  } finally {
    try {
      await chooseScheme(app, "auto");
    } finally {
      await disconnectAndClose(app);
    }
  }
});
