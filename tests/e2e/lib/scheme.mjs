// The colour scheme, picked in Settings and help (About) like a person would.
import { byTestId, openScreen } from "./app.mjs";

const LABELS = { auto: "Same as my computer", light: "Light", dark: "Dark" };

/** The scheme the page is drawn in: "light" or "dark". */
export async function appliedScheme(app) {
  return app.execute(() => document.documentElement.getAttribute("data-mantine-color-scheme"));
}

export async function chooseScheme(app, scheme) {
  await openScreen(app, "about");
  await byTestId(app, "color-scheme").$(`label=${LABELS[scheme]}`).click();
  if (scheme !== "auto") {
    await app.waitUntil(async () => (await appliedScheme(app)) === scheme, {
      timeoutMsg: `the window never turned ${scheme}`,
    });
  }
}
