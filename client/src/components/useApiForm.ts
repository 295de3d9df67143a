import { useState } from "react";
import type { FieldErrors } from "../api/client";
import { explain } from "./errors";

/**
 * What every form of the client does with the API: one submission at a time, and the API's
 * errors next to the fields they concern, or on the form. `fieldOfCode` names the field an
 * error code belongs to when the API does not (a taken username, say).
 */
export function useApiForm(fieldOfCode: Record<string, string> = {}) {
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function clear() {
    setFields({});
    setFormError(null);
  }

  async function submit(action: () => Promise<void>) {
    setBusy(true);
    clear();
    try {
      await action();
    } catch (error) {
      const explained = explain(error, fieldOfCode);
      setFields(explained.fields);
      setFormError(explained.form);
    } finally {
      setBusy(false);
    }
  }

  return { fields, formError, busy, submit, clear };
}
