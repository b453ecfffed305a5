/** The id of index.html's empty <style>, which Tauri gives the page's nonce. */
export const STYLE_NONCE_ELEMENT_ID = "paybridge-style-nonce";

/**
 * The nonce the CSP allows <style> elements with, or "" when there is none
 * (the Vite dev server, whose CSP still allows inline styles; Mantine leaves
 * an empty nonce off). Read from the `nonce` property: the browser hides the
 * attribute once the page has loaded.
 */
export function pageStyleNonce(page: Pick<Document, "getElementById"> = document): string {
  const element = page.getElementById(STYLE_NONCE_ELEMENT_ID) as HTMLElement | null;
  return element?.nonce ?? "";
}
