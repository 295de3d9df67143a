import { useId, type InputHTMLAttributes, type Ref } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  errors?: string[];
  inputRef?: Ref<HTMLInputElement>;
};

/** A labelled input with its errors beside it, announced and tied to the input. */
export function Field({ label, errors = [], inputRef, ...input }: Props) {
  const id = useId();
  const errorId = `${id}-errors`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        aria-invalid={errors.length > 0}
        aria-describedby={errors.length > 0 ? errorId : undefined}
        {...input}
      />
      {errors.length > 0 && (
        <ul id={errorId} className="field-errors" role="alert">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
