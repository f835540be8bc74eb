import type { FieldDef } from './fields';
import { fieldId } from './fields';

interface Props {
  field: FieldDef;
  value: string | boolean;
  error: string | undefined;
  onChange(value: string | boolean): void;
}

export function SettingsField({ field, value, error, onChange }: Props) {
  const id = `setting-${fieldId(field).replace('.', '-')}`;
  const describedBy = [field.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };

  return (
    <div className={field.kind === 'checkbox' ? 'field checkbox' : 'field'}>
      <label htmlFor={id}>{field.label}</label>
      {field.kind === 'checkbox' ? (
        <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
      ) : field.kind === 'select' ? (
        <select {...common} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={field.kind === 'number' ? 'number' : 'text'}
          step={field.step}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {field.help && (
        <small id={`${id}-help`} className="muted">
          {field.help}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
