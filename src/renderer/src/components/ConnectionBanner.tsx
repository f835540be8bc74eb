import { useConnectionStore } from '../stores/connection';

/** Browser mode: the server process is gone, and only the seller can start it again. */
function ServerStopped() {
  return (
    <>
      <strong>FlipSync stopped.</strong> Nothing can be saved until it runs again; what you typed stays in its field.
      Start it again with <code>npm run serve</code> in the FlipSync folder. A restart prints a new address with a new
      access token: this page cannot reconnect with the old one, so copy anything you typed here, then open the new
      address.
    </>
  );
}

/**
 * Says, above every page, that the core cannot be reached and what to do, in the words of the
 * transport this window uses: in the desktop app the shell restarts the core by itself.
 */
export function ConnectionBanner() {
  const { lost, kind, state } = useConnectionStore();
  if (!lost) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      {kind !== 'ipc' ? (
        <ServerStopped />
      ) : state === 'reconnecting' ? (
        <>
          <strong>Reconnecting…</strong> FlipSync is restarting its core. Nothing can be saved until it is back; what
          you typed stays in its field.
        </>
      ) : (
        <>
          <strong>FlipSync&apos;s core stopped and could not restart.</strong> Nothing can be saved. Copy anything you
          typed here, then quit FlipSync and open it again.
        </>
      )}
    </div>
  );
}
