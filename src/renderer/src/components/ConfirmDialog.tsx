import { Modal } from './Modal';

/** A modal question; focus starts on Cancel so Enter never deletes by accident. Esc cancels. */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirm: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Modal role="alertdialog" labelledBy="confirm-title" describedBy="confirm-body" onClose={props.onCancel}>
      <h2 id="confirm-title">{props.title}</h2>
      <p id="confirm-body">{props.body}</p>
      <div className="actions">
        <button type="button" autoFocus onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={props.onConfirm}>
          {props.confirm}
        </button>
      </div>
    </Modal>
  );
}
