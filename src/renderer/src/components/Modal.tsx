import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog>: showModal() makes the page behind it inert, so Tab stays
 * inside and nothing behind can be clicked, and Escape closes it wherever focus is (even
 * when the focused control went away). Closing hands focus back to where it was.
 */
export function Modal(props: {
  labelledBy: string;
  describedBy?: string;
  role?: 'dialog' | 'alertdialog';
  wide?: boolean;
  /** Escape or the close request of the platform; omit while the dialog must stay open. */
  onClose?: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    // jsdom (the renderer tests) has no showModal; the dialog is then just open.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    return () => {
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      // By now React has taken the dialog out of the page, so the browser cannot do this.
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={props.wide ? 'modal wide' : 'modal'}
      role={props.role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      onCancel={(e) => {
        // Closing is the owner's decision (it unmounts us); the browser must not close it alone.
        e.preventDefault();
        props.onClose?.();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Handled here (jsdom fires no cancel); preventing the default stops a second close.
        e.preventDefault();
        e.stopPropagation();
        props.onClose?.();
      }}
    >
      {props.children}
    </dialog>
  );
}
