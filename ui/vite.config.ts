import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Tauri loads the built files from ../ui/dist, and in `tauri dev` this
// server on a fixed port (tauri.conf.json's devUrl).
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true, host: "127.0.0.1" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.50 on Linux; Safari 16 covers macOS' WKWebView.
    target: ["es2022", "safari16"],
    // Loaded from disk by the desktop app, never over a network: one chunk is fine.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
