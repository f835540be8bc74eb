import type { ReactNode } from 'react';
import { STATUS_OPTIONS } from '../format';
import { DATE_FIELDS, MONEY_FIELDS, TEXT_FIELDS, type Draft } from './draft';

interface Props {
  draft: Draft;
  errors: Record<string, string>;
  onChange(draft: Draft): void;
}

function Field(props: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error && (
        <span id={`${props.id}-error`} className="error" role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}

const invalid = (id: string, error?: string) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};

/** Every field of an item, as a form over the draft. */
export function EditorFields({ draft, errors, onChange }: Props) {
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => onChange({ ...draft, [key]: value });
  return (
    <div className="editor-fields">
      {TEXT_FIELDS.map(({ key, label }) => {
        const id = `item-${key}`;
        return (
          <Field key={key} id={id} label={label} error={errors[key]}>
            <input
              id={id}
              type="text"
              value={draft.text[key] ?? ''}
              {...invalid(id, errors[key])}
              onChange={(e) => set('text', { ...draft.text, [key]: e.target.value })}
            />
          </Field>
        );
      })}
      <Field id="item-status" label="Status" error={errors.status}>
        <select
          id="item-status"
          value={draft.status}
          onChange={(e) => set('status', e.target.value as Draft['status'])}
        >
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="item-quantity" label="Quantity on hand" error={errors.quantity}>
        <input
          id="item-quantity"
          type="text"
          inputMode="numeric"
          value={draft.quantity}
          {...invalid('item-quantity', errors.quantity)}
          onChange={(e) => set('quantity', e.target.value)}
        />
      </Field>
      {MONEY_FIELDS.map(({ key, label }) => {
        const id = `item-${key}`;
        return (
          <Field key={key} id={id} label={label} error={errors[key]}>
            <input
              id={id}
              type="text"
              inputMode="decimal"
              value={draft.money[key] ?? ''}
              {...invalid(id, errors[key])}
              onChange={(e) => set('money', { ...draft.money, [key]: e.target.value })}
            />
          </Field>
        );
      })}
      {DATE_FIELDS.map(({ key, label }) => {
        const id = `item-${key}`;
        return (
          <Field key={key} id={id} label={label} error={errors[key]}>
            <input
              id={id}
              type="date"
              value={draft.dates[key] ?? ''}
              {...invalid(id, errors[key])}
              onChange={(e) => set('dates', { ...draft.dates, [key]: e.target.value })}
            />
          </Field>
        );
      })}
      <Field id="item-tags" label="Tags (comma-separated)" error={errors.tags}>
        <input id="item-tags" type="text" value={draft.tags} onChange={(e) => set('tags', e.target.value)} />
      </Field>
      <Field id="item-description" label="Description" error={errors.description}>
        <textarea
          id="item-description"
          rows={4}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </Field>
      <Field id="item-notes" label="Notes" error={errors.notes}>
        <textarea id="item-notes" rows={2} value={draft.notes} onChange={(e) => set('notes', e.target.value)} />
      </Field>
      <fieldset className="specifics">
        <legend>Item specifics</legend>
        {draft.specifics.map((s, i) => (
          <div className="specific" key={i}>
            <input
              type="text"
              aria-label={`Specific ${i + 1} name`}
              placeholder="Name (e.g. Size)"
              value={s.name}
              onChange={(e) =>
                set(
                  'specifics',
                  draft.specifics.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                )
              }
            />
            <input
              type="text"
              aria-label={`Specific ${i + 1} value`}
              placeholder="Value (e.g. M)"
              value={s.value}
              onChange={(e) =>
                set(
                  'specifics',
                  draft.specifics.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)),
                )
              }
            />
            <button
              type="button"
              aria-label={`Remove specific ${s.name || i + 1}`}
              onClick={() =>
                set(
                  'specifics',
                  draft.specifics.filter((_, j) => j !== i),
                )
              }
            >
              ✕
            </button>
          </div>
        ))}
        {errors.specifics && (
          <span className="error" role="alert">
            {errors.specifics}
          </span>
        )}
        <button type="button" onClick={() => set('specifics', [...draft.specifics, { name: '', value: '' }])}>
          Add specific
        </button>
      </fieldset>
    </div>
  );
}
