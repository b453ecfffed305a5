// axe-core in the real window: its source is injected through WebDriver
// (the page's CSP does not apply to WebDriver scripts), then run on the
// whole document. Serious and critical violations fail the spec.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const FAILING_IMPACTS = new Set(["serious", "critical"]);

/** Runs axe on what the window shows now; returns serious and critical violations. */
export async function axeViolations(browser) {
  const loaded = await browser.execute(() => typeof window.axe === "object");
  if (!loaded) await browser.execute(`${axeSource}\n;return true;`);
  const violations = await browser.execute(async () => {
    const results = await window.axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => ({
        target: node.target.join(" "),
        summary: node.failureSummary,
      })),
    }));
  });
  return violations.filter((violation) => FAILING_IMPACTS.has(violation.impact));
}

/** Fails the spec, naming `view`, when axe finds a serious or critical violation. */
export async function assertNoAxeProblems(browser, view) {
  // Transitions (a filter's indicator, badges) measured mid-way fail contrast.
  await browser.waitUntil(
    () => browser.execute(() => document.getAnimations().every((a) => a.playState !== "running")),
    { timeoutMsg: `${view}: animations never finished` },
  );
  const violations = await axeViolations(browser);
  assert.deepEqual(
    violations.map((v) => `${view}: ${v.impact} ${v.id} — ${v.help} ${v.nodes.map((n) => n.target).join(", ")}`),
    [],
  );
}
