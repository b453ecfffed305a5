import { describe, expect, it } from "vitest";

import { isAppError, toAppError } from "./errors";

describe("toAppError", () => {
  it("keeps an engine error's code and message", () => {
    const error = toAppError({ code: "wrong_credentials", message: "Wrong username or password." });
    expect(error).toEqual({ code: "wrong_credentials", message: "Wrong username or password." });
  });

  it("drops fields the UI has no use for", () => {
    expect(toAppError({ code: "tls", message: "Bad certificate.", extra: 1 })).toEqual({
      code: "tls",
      message: "Bad certificate.",
    });
  });

  it("turns a bare string from Tauri into an internal error", () => {
    expect(toAppError("Command save_micropay not allowed by ACL")).toEqual({
      code: "internal",
      message: "Command save_micropay not allowed by ACL",
    });
  });

  it("does not trust an object with an unknown code", () => {
    expect(isAppError({ code: "nope", message: "x" })).toBe(false);
    expect(toAppError({ code: "nope", message: "x" }).code).toBe("internal");
  });

  it("says something even when given nothing", () => {
    expect(toAppError(undefined).message).toMatch(/went wrong/);
  });
});
