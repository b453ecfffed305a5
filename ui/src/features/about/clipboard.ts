/**
 * Copies text through the webview itself, so the window needs no clipboard
 * permission. The async Clipboard API first; where the webview refuses it,
 * the older copy command on a hidden text area (still inside the click).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithCommand(text);
  }
}

function copyWithCommand(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    // Deprecated, but the only fallback a webview without the async API has.
    return document.execCommand("copy");
  } finally {
    area.remove();
  }
}
