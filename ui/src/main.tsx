import "@fontsource-variable/inter";
import "@mantine/core/styles.css";

import { createTheme, MantineProvider } from "@mantine/core";
import { setNonce } from "get-nonce";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { pageStyleNonce } from "./styleNonce";

const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  // Bundled, so the window looks the same on every desktop.
  fontFamily: "'Inter Variable', system-ui, -apple-system, 'Segoe UI', sans-serif",
  headings: { fontFamily: "'Inter Variable', system-ui, -apple-system, 'Segoe UI', sans-serif" },
});

// Read once: the CSP's style nonce is fixed for the page's lifetime.
const styleNonce = pageStyleNonce();
// Mantine's modals and drawers lock page scrolling with a <style> that
// react-remove-scroll adds; it takes its nonce from get-nonce.
setNonce(styleNonce);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      defaultColorScheme="light"
      getStyleNonce={() => styleNonce}
    >
      <App />
    </MantineProvider>
  </StrictMode>,
);
