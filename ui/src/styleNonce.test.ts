import { describe, expect, it } from "vitest";

import { pageStyleNonce, STYLE_NONCE_ELEMENT_ID } from "./styleNonce";

const page = (elements: Record<string, { nonce?: string }>) => ({
  getElementById: (id: string) => (elements[id] ?? null) as HTMLElement | null,
});

describe("pageStyleNonce", () => {
  it("reads the nonce Tauri gave the placeholder style element", () => {
    expect(pageStyleNonce(page({ [STYLE_NONCE_ELEMENT_ID]: { nonce: "8123" } }))).toBe("8123");
  });

  it("is empty without the element or without a nonce", () => {
    expect(pageStyleNonce(page({}))).toBe("");
    expect(pageStyleNonce(page({ [STYLE_NONCE_ELEMENT_ID]: {} }))).toBe("");
  });
});
