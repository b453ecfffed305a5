// The only module that talks to the Tauri runtime. Every wrapper resolves
// with the engine's result or rejects with an `AppError` ({code, message}).
import { invoke } from "@tauri-apps/api/core";

import { toAppError } from "./errors";
import type {
  ConnectionCheck,
  ConnectionKind,
  Connections,
  MicropayForm,
  SandboxForms,
  WorkniceForm,
} from "./generated/bindings";

export type {
  AppError,
  ConnectionCheck,
  ConnectionKind,
  Connections,
  ErrorCode,
  MicropayForm,
  SandboxForms,
  SavedConnection,
  WorkniceForm,
} from "./generated/bindings";
export { isAppError, toAppError } from "./errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toAppError(reason);
  }
}

export const getConnections = (): Promise<Connections> => call("get_connections");

export const testMicropay = (form: MicropayForm): Promise<ConnectionCheck> =>
  call("test_micropay", { form });
export const saveMicropay = (form: MicropayForm): Promise<ConnectionCheck> =>
  call("save_micropay", { form });
export const checkMicropay = (): Promise<ConnectionCheck> => call("check_micropay");

export const testWorknice = (form: WorkniceForm): Promise<ConnectionCheck> =>
  call("test_worknice", { form });
export const saveWorknice = (form: WorkniceForm): Promise<ConnectionCheck> =>
  call("save_worknice", { form });
export const checkWorknice = (): Promise<ConnectionCheck> => call("check_worknice");

export const disconnect = (kind: ConnectionKind): Promise<void> => call("disconnect", { kind });

export const startSandbox = (): Promise<SandboxForms> => call("start_sandbox");
