import { STATUS_OPTIONS } from '../format';
import { DraftField, type Control, type FieldSpec } from './DraftField';
import { DATE_FIELDS, MONEY_FIELDS, PACKAGE_FIELDS, TEXT_FIELDS, type Draft } from './draft';

interface Props {
  draft: Draft;
  errors: Record<string, string>;
  onChange(draft: Draft): void;
}

type Group = 'text' | 'money' | 'pkg' | 'dates';
type Own = 'status' | 'quantity' | 'tags' | 'description' | 'notes';

const inGroup =
  (group: Group, control: Control) =>
  ({ key, label }: { key: string; label: string }): FieldSpec => ({
    key,
    label,
    control,
    read: (draft) => draft[group][key] ?? '',
    write: (draft, value) => ({ ...draft, [group]: { ...draft[group], [key]: value } }),
  });

const own = (key: Own, label: string, control: Control): FieldSpec => ({
  key,
  label,
  control,
  read: (draft) => draft[key],
  write: (draft, value) => ({ ...draft, [key]: value }),
});

const text: Control = { kind: 'input', type: 'text' };

/** The item's fields in the order the seller tabs through them. */
const FIELDS: FieldSpec[] = [
  ...TEXT_FIELDS.map(inGroup('text', text)),
  own('status', 'Status', { kind: 'select', options: STATUS_OPTIONS }),
  own('quantity', 'Quantity on hand', { ...text, inputMode: 'numeric' }),
  ...MONEY_FIELDS.map(inGroup('money', { ...text, inputMode: 'decimal' })),
  ...PACKAGE_FIELDS.map((f) => inGroup('pkg', { ...text, placeholder: f.placeholder })(f)),
  ...DATE_FIELDS.map(inGroup('dates', { kind: 'input', type: 'date' })),
  own('tags', 'Tags (comma-separated)', text),
  own('description', 'Description', { kind: 'textarea', rows: 4 }),
  own('notes', 'Notes', { kind: 'textarea', rows: 2 }),
];

/** Every field of an item, as a form over the draft. */
export function EditorFields({ draft, errors, onChange }: Props) {
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => onChange({ ...draft, [key]: value });
  return (
    <div className="editor-fields">
      {FIELDS.map((spec) => (
        <DraftField key={spec.key} spec={spec} draft={draft} error={errors[spec.key]} onChange={onChange} />
      ))}
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
