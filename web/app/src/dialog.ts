// Native <dialog> elements shown as modals: the browser keeps focus inside, Escape closes, and
// the rest of the page is inert. Every dialog of the app opens once, when it mounts.
import { useRef } from 'react';

/**
 * A modal dialog opened when it mounts: pass `attach` as the <dialog>'s `ref`; `close()` closes
 * it (its `onClose` then runs). `onOpened` runs once, just after it opens (to move the focus).
 */
export function useModalDialog(onOpened?: () => void) {
  const ref = useRef<HTMLDialogElement | null>(null);
  const opened = useRef(false);
  const attach = (el: HTMLDialogElement | null) => {
    ref.current = el;
    if (el && !opened.current) {
      opened.current = true;
      el.showModal();
      onOpened?.();
    }
  };
  return { attach, close: () => ref.current?.close() };
}
