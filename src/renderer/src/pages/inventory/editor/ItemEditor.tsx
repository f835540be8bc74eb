import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Item } from '@shared/domain/inventory';
import { useItemEditor } from '../../../stores/inventory-editor';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ConflictsPanel } from './ConflictsPanel';
import { changesOf, draftOf, rebase, type Draft } from './draft';
import { EditorFields } from './EditorFields';
import { HistoryPanel } from './HistoryPanel';
import { PhotosPanel } from './PhotosPanel';
import { EbayListingPanel } from './EbayListingPanel';
import { ErrorText } from '../../../components/ErrorRef';

/** The side panel for one item. Esc closes it and focus goes back to where it was. */
export function ItemEditor() {
  const { id, item, loadError, close } = useItemEditor();
  const returnFocus = useRef<Element | null>(null);
  useEffect(() => {
    if (!id) return;
    returnFocus.current = document.activeElement;
    // On the window: after a save the focused button is disabled and focus falls to <body>.
    // The form, once loaded, answers Escape itself: it asks first when there are unsaved edits.
    const onKey = (e: KeyboardEvent) => {
      if (isEscapeForEditor(e) && !document.querySelector('.editor-body')) close();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      (returnFocus.current as HTMLElement | null)?.focus?.();
    };
  }, [id, close]);
  if (!id) return null;
  return (
    <aside className="item-editor" aria-label="Item editor">
      {loadError ? (
        <div>
          <p className="error" role="alert">
            <ErrorText error={loadError} />
          </p>
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      ) : item ? (
        <EditorBody key={item.id} item={item} />
      ) : (
        <p aria-busy="true">Loading item…</p>
      )}
    </aside>
  );
}

/** Escape meant for the panel: not one a dialog or an inline edit took. */
const isEscapeForEditor = (e: KeyboardEvent) =>
  e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]');

function EditorBody({ item }: { item: Item }) {
  const { history, saveStatus, saveError, save, archive, remove, close, pendingOpen } = useItemEditor();
  const [base, setBase] = useState(item);
  const [draft, setDraft] = useState<Draft>(() => draftOf(item));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<'archive' | 'delete' | 'discard' | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  // A newer saved item (a save here, sync, a conflict reload): keep the seller's edits, take the rest.
  if (item.rev !== base.rev || item.quantity !== base.quantity) {
    setDraft(rebase(base, item, draft));
    setBase(item);
  }

  const { changes, quantity, errors } = changesOf(item, draft);
  const dirty = Object.keys(changes).length > 0 || quantity !== null;
  const serverErrors = Object.fromEntries(
    (saveError?.fields ?? []).map((f) => [f.path.replace(/^changes\./, '').split('.')[0]!, f.message]),
  );

  // Opening another item asks first too: the store holds it back while this says "unsaved".
  useEffect(() => useItemEditor.getState().setUnsaved(dirty), [dirty]);
  useEffect(() => () => useItemEditor.getState().setUnsaved(false), []);

  // Closing never drops edits silently: with unsaved changes it asks first.
  const requestClose = () => (dirty ? setConfirm('discard') : close());
  const requestCloseRef = useRef(requestClose);
  useEffect(() => {
    requestCloseRef.current = requestClose;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isEscapeForEditor(e)) return;
      // Taken here: otherwise this same Escape would also cancel the question it opens.
      e.preventDefault();
      requestCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0 || !dirty) return;
    await save(changes, quantity);
  };

  return (
    <form className="editor-body" onSubmit={onSubmit}>
      <header className="editor-head">
        {/* A long title is clamped to two lines (the full one is the tooltip); the SKU below it. */}
        <h2 tabIndex={-1} ref={headingRef} title={item.title}>
          <span className="editor-title">{item.title}</span> <span className="muted mono">{item.sku}</span>
        </h2>
        <button type="button" aria-label="Close editor" onClick={requestClose}>
          ✕
        </button>
      </header>
      {saveError && saveError.code !== 'INVALID_INPUT' && (
        <p className="error" role="alert" data-testid="editor-error">
          <ErrorText error={saveError} />
        </p>
      )}
      {saveError?.code === 'INVALID_INPUT' && (
        <p className="error" role="alert">
          Not saved: check the fields marked below.
        </p>
      )}
      <ConflictsPanel item={item} />
      <EditorFields draft={draft} errors={{ ...serverErrors, ...localErrors }} onChange={setDraft} />
      <div className="actions editor-actions">
        <button type="submit" disabled={!dirty || saveStatus === 'busy'}>
          {saveStatus === 'busy' ? 'Saving…' : 'Save item'}
        </button>
        <button type="button" disabled={!dirty} onClick={() => setDraft(draftOf(item))}>
          Discard changes
        </button>
        <span role="status" data-testid="editor-status">
          {saveStatus === 'done' && !dirty ? 'Saved.' : ''}
        </span>
      </div>
      <PhotosPanel item={item} />
      <EbayListingPanel
        item={item}
        dirty={dirty}
        onPick={(field, value) => setDraft((d) => ({ ...d, text: { ...d.text, [field]: value } }))}
      />
      <HistoryPanel entries={history} />
      <div className="actions editor-danger">
        {item.status !== 'archived' && (
          <button type="button" onClick={() => setConfirm('archive')}>
            Archive…
          </button>
        )}
        <button type="button" className="danger" onClick={() => setConfirm('delete')}>
          Delete…
        </button>
      </div>
      {pendingOpen && (
        <ConfirmDialog
          title={`Discard your changes to ${item.sku}?`}
          body="They are not saved. Keep editing to save them first, or discard them and open the other item."
          confirm="Discard and open the other item"
          onCancel={() => useItemEditor.getState().stayHere()}
          onConfirm={() => void useItemEditor.getState().openAnyway()}
        />
      )}
      {confirm === 'discard' && (
        <ConfirmDialog
          title={`Discard your changes to ${item.sku}?`}
          body="They are not saved. Keep editing to save them first."
          confirm="Discard changes"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            close();
          }}
        />
      )}
      {(confirm === 'archive' || confirm === 'delete') && (
        <ConfirmDialog
          title={confirm === 'archive' ? `Archive ${item.sku}?` : `Delete ${item.sku}?`}
          body={
            confirm === 'archive'
              ? 'It leaves the default list but stays saved; filter by Archived to find it again.'
              : 'The item disappears here and on your synced devices. Its stock movements and sales stay for your records.'
          }
          confirm={confirm === 'archive' ? 'Archive' : 'Delete'}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void (confirm === 'archive' ? archive() : remove());
          }}
        />
      )}
    </form>
  );
}
