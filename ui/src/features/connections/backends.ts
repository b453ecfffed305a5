import type { MicropayForm, WorkniceForm } from "../../api";
import {
  checkMicropay,
  checkWorknice,
  saveMicropay,
  saveWorknice,
  testMicropay,
  testWorknice,
} from "../../api";
import type { CardBackend } from "./useConnectionCard";

export const micropayBackend: CardBackend<MicropayForm> = {
  kind: "micropay",
  emptyForm: { url: "", username: "", password: "", apiKey: "", payrollCompany: "" },
  formFromSaved: (saved) => ({
    url: saved.url,
    username: saved.username,
    password: "",
    apiKey: "",
    payrollCompany: saved.payrollCompany,
  }),
  withoutSecrets: (form) => ({ ...form, password: "", apiKey: "" }),
  test: testMicropay,
  save: saveMicropay,
  check: checkMicropay,
};

export const workniceBackend: CardBackend<WorkniceForm> = {
  kind: "worknice",
  emptyForm: { url: "", token: "" },
  formFromSaved: (saved) => ({ url: saved.url, token: "" }),
  withoutSecrets: (form) => ({ ...form, token: "" }),
  test: testWorknice,
  save: saveWorknice,
  check: checkWorknice,
};
