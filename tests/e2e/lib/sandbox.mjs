// The sandboxes' own controls (`/sandbox/` on each sandbox's port, no auth,
// loopback only), as tests drive them from node: payroll's and HR's hands.
import assert from "node:assert/strict";

import { byTestId, click, press, valueOf } from "./app.mjs";

/**
 * Fills both forms from the built-in sandbox and saves them (after
 * disconnecting what earlier specs left); resolves with each sandbox's
 * origin, e.g. `{ micropay: "http://127.0.0.1:41234", worknice: "…" }`.
 */
export async function connectSandboxOrigins(app) {
  for (const side of ["micropay", "worknice"]) {
    if (await byTestId(app, `${side}-disconnect`).isExisting()) await press(app, side, "disconnect");
  }
  await click(app, "sandbox-button");
  await app.waitUntil(async () => (await valueOf(app, "worknice-url")) !== "", {
    timeoutMsg: "the sandbox never filled in the forms",
  });
  const origins = {
    micropay: new URL(await valueOf(app, "micropay-url")).origin,
    worknice: new URL(await valueOf(app, "worknice-url")).origin,
  };
  for (const side of ["micropay", "worknice"]) {
    const status = await press(app, side, "save");
    if (status.state !== "connected") throw new Error(`${side} did not connect: ${status.text}`);
  }
  return origins;
}

/** A `/sandbox/` control call; resolves with the JSON answer, failing on a non-2xx. */
export async function control(origin, method, path, body) {
  const response = await fetch(`${origin}/sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} /sandbox/${path}: ${response.status} ${text}`);
  return text === "" ? null : JSON.parse(text);
}

/** The Worknice sandbox's person with this Employee ID. */
export async function worknicePerson(origins, employeeCode) {
  const people = await control(origins.worknice, "GET", "people");
  const person = people.find((candidate) => candidate.employeeCode === employeeCode);
  assert.ok(person, `Worknice has no person with Employee ID ${employeeCode}`);
  return person;
}

/** MicrOpay's change requests for one EmpCode, oldest first. */
export async function changeRequestsFor(origins, empCode) {
  const requests = await control(origins.micropay, "GET", "requests");
  return requests
    .filter((request) => request.empCode === empCode)
    .sort((a, b) => a.changeEmployeeId - b.changeEmployeeId);
}
