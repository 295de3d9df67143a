import { ApiError, type FieldErrors } from "../api/client";

/** Splits an API error into what belongs next to a field and what belongs to the form. */
export function explain(error: unknown, fieldOfCode: Record<string, string> = {}) {
  if (!(error instanceof ApiError)) {
    return { fields: {} as FieldErrors, form: "Something went wrong. Try again." };
  }
  const fields: FieldErrors = { ...error.fields };
  const field = fieldOfCode[error.code];
  if (field) {
    fields[field] = [...(fields[field] ?? []), error.message];
    return { fields, form: null };
  }
  const hasFields = Object.keys(fields).length > 0;
  return { fields, form: hasFields ? null : error.message };
}
