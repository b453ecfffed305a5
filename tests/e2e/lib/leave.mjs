// The Leave screen, as specs drive it: open it, read a switch, flip one.
import { attribute, byTestId, openScreen, textOf } from "./app.mjs";

/** Opens the Leave screen and waits until it has read both sides again. */
export async function openLeave(app) {
  const before = (await byTestId(app, "leave-screen").isExisting())
    ? Number(await attribute(app, "leave-screen", "data-loads"))
    : 0;
  await openScreen(app, "leave");
  await app.waitUntil(async () => Number(await attribute(app, "leave-screen", "data-loads")) > before, {
    timeoutMsg: "the Leave screen never loaded",
  });
}

/** Whether the switch (Mantine puts the test id on its <input>) is on. */
export const isOn = (app, testId) =>
  app.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.checked ?? null, testId);

/** Flips a switch as a click on it would, and waits for the saved line. */
export async function flip(app, testId, saved) {
  await app.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.click(), testId);
  await app.waitUntil(async () => saved.test(await textOf(app, byTestId(app, "leave-saved"))), {
    timeoutMsg: `${testId} was never saved`,
  });
}

/** Sets a switch on the Leave screen (opened unless shown) on or off, whatever it was. */
export async function setLeaveSwitch(app, testId, on) {
  const screen = byTestId(app, "leave-screen");
  if (!((await screen.isExisting()) && (await screen.isDisplayed()))) await openLeave(app);
  if ((await isOn(app, testId)) === on) return;
  await flip(app, testId, /./);
  await app.waitUntil(async () => (await isOn(app, testId)) === on, {
    timeoutMsg: `${testId} never turned ${on ? "on" : "off"}`,
  });
}
