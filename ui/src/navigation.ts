/** The screens of the main window. */
export type Screen =
  | "connections"
  | "import"
  | "directions"
  | "leave"
  | "history"
  | "sync"
  | "backups"
  | "payroll-desk"
  | "about";

/** Lets a screen send the user to another, e.g. to Connections when not connected. */
export type Navigate = (screen: Screen) => void;
