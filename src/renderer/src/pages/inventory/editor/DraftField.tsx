import type { Draft } from './draft';

/** How a field is typed into: a one-line input, a text area, or a choice from a list. */
export type Control =
  | { kind: 'input'; type: 'text' | 'date'; inputMode?: 'numeric' | 'decimal'; placeholder?: string }
  | { kind: 'textarea'; rows: number }
  | { kind: 'select'; options: readonly { value: string; label: string }[] };

/** One field of the editor: its label, its control, and where it lives in the draft. */
export interface FieldSpec {
  key: string;
  label: string;
  control: Control;
  read(draft: Draft): string;
  write(draft: Draft, value: string): Draft;
}

interface Props {
  spec: FieldSpec;
  draft: Draft;
  error?: string;
  onChange(draft: Draft): void;
}

/** A labelled control whose error, when there is one, is announced and tied to it. */
export function DraftField({ spec, draft, error, onChange }: Props) {
  const id = `item-${spec.key}`;
  const common = {
    id,
    value: spec.read(draft),
    onChange: (e: { target: { value: string } }) => onChange(spec.write(draft, e.target.value)),
    ...(error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {}),
  };
  const { control } = spec;
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      {control.kind === 'input' && (
        <input type={control.type} inputMode={control.inputMode} placeholder={control.placeholder} {...common} />
      )}
      {control.kind === 'textarea' && <textarea rows={control.rows} {...common} />}
      {control.kind === 'select' && (
        <select {...common}>
          {control.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
      {error && (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
