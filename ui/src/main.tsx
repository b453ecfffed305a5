import "@fontsource-variable/inter";
import "@mantine/core/styles.css";
import "./theme.css";

import {
  createTheme,
  Drawer,
  localStorageColorSchemeManager,
  MantineProvider,
  Modal,
} from "@mantine/core";
import { setNonce } from "get-nonce";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { pageStyleNonce } from "./styleNonce";

const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  // Shade 8 on filled buttons: white text at 4.5:1 or more (WCAG AA).
  primaryShade: { light: 8, dark: 8 },
  // Bundled, so the window looks the same on every desktop.
  fontFamily: "'Inter Variable', system-ui, -apple-system, 'Segoe UI', sans-serif",
  // Screen readers announce the ✕ of every modal and drawer as "Close".
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
  },
  headings: { fontFamily: "'Inter Variable', system-ui, -apple-system, 'Segoe UI', sans-serif" },
});

// Read once: the CSP's style nonce is fixed for the page's lifetime.
const styleNonce = pageStyleNonce();
// Mantine's modals and drawers lock page scrolling with a <style> that
// react-remove-scroll adds; it takes its nonce from get-nonce.
setNonce(styleNonce);

// "auto" follows the computer's light or dark setting; a choice made in
// Settings is kept in the webview's local storage.
const colorSchemeManager = localStorageColorSchemeManager({ key: "paybridge-color-scheme" });

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      getStyleNonce={() => styleNonce}
    >
      <App />
    </MantineProvider>
  </StrictMode>,
);
