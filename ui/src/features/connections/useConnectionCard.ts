import { useCallback, useRef, useState } from "react";

import type { ConnectionCheck, ConnectionKind, SavedConnection } from "../../api";
import { disconnect } from "../../api";
import {
  type CardStatus,
  DISCONNECTED,
  NOT_CONNECTED,
  SANDBOX_FILLED,
  statusFromCheck,
  statusFromError,
  statusFromSaved,
} from "./status";

/** What differs between the MicrOpay and the Worknice card. */
export interface CardBackend<Form> {
  kind: ConnectionKind;
  emptyForm: Form;
  formFromSaved(saved: SavedConnection): Form;
  withoutSecrets(form: Form): Form;
  test(form: Form): Promise<ConnectionCheck>;
  save(form: Form): Promise<ConnectionCheck>;
  check(): Promise<ConnectionCheck>;
}

export type CardAction = "test" | "save" | "disconnect";

export interface ConnectionCardState<Form> {
  form: Form;
  saved: boolean;
  status: CardStatus;
  busy: CardAction | null;
  rechecking: boolean;
  /** Actions and re-checks finished so far; lets tests wait for "done". */
  completed: number;
  setField<K extends keyof Form>(key: K, value: Form[K]): void;
  test(): Promise<void>;
  save(): Promise<void>;
  disconnect(): Promise<void>;
  /** Shows a saved connection at once, then re-tests it in the background. */
  showSaved(saved: SavedConnection | null): void;
  fill(form: Form): void;
}

export function useConnectionCard<Form>(backend: CardBackend<Form>): ConnectionCardState<Form> {
  const [form, setForm] = useState<Form>(backend.emptyForm);
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState<CardStatus>(NOT_CONNECTED);
  const [busy, setBusy] = useState<CardAction | null>(null);
  const [rechecking, setRechecking] = useState(false);
  const [completed, setCompleted] = useState(0);
  const finish = () => setCompleted((count) => count + 1);
  // Only the newest request may set the status: a slow background check
  // must not overwrite the answer to a test the user clicked afterwards.
  const latest = useRef(0);
  const formRef = useRef(form);
  formRef.current = form;

  const begin = () => ++latest.current;
  const isLatest = (ticket: number) => ticket === latest.current;

  const setField = useCallback(<K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
  }, []);

  const act = useCallback(
    async (action: CardAction, work: (ticket: number) => Promise<void>) => {
      const ticket = begin();
      setBusy(action);
      setRechecking(false);
      try {
        await work(ticket);
      } catch (reason) {
        if (isLatest(ticket)) setStatus(statusFromError(reason));
      } finally {
        setBusy(null);
        finish();
      }
    },
    [],
  );

  const test = useCallback(
    () =>
      act("test", async (ticket) => {
        const check = await backend.test(formRef.current);
        if (isLatest(ticket)) setStatus(statusFromCheck(check));
      }),
    [act, backend],
  );

  const save = useCallback(
    () =>
      act("save", async (ticket) => {
        const check = await backend.save(formRef.current);
        setSaved(true);
        setForm((previous) => backend.withoutSecrets(previous));
        if (isLatest(ticket)) setStatus(statusFromCheck(check));
      }),
    [act, backend],
  );

  const remove = useCallback(
    () =>
      act("disconnect", async (ticket) => {
        await disconnect(backend.kind);
        setSaved(false);
        setForm((previous) => backend.withoutSecrets(previous));
        if (isLatest(ticket)) setStatus(DISCONNECTED);
      }),
    [act, backend],
  );

  const showSaved = useCallback(
    (connection: SavedConnection | null) => {
      const ticket = begin();
      setSaved(connection !== null);
      setStatus(statusFromSaved(connection));
      if (connection === null) return;
      setForm(backend.formFromSaved(connection));
      setRechecking(true);
      backend
        .check()
        .then((check) => isLatest(ticket) && setStatus(statusFromCheck(check)))
        .catch((reason: unknown) => isLatest(ticket) && setStatus(statusFromError(reason)))
        .finally(() => {
          if (isLatest(ticket)) setRechecking(false);
          finish();
        });
    },
    [backend],
  );

  const fill = useCallback((next: Form) => {
    begin();
    setRechecking(false);
    setForm(next);
    setStatus(SANDBOX_FILLED);
  }, []);

  return {
    form,
    saved,
    status,
    busy,
    rechecking,
    completed,
    setField,
    test,
    save,
    disconnect: remove,
    showSaved,
    fill,
  };
}
