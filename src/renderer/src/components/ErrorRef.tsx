/**
 * The reference of an error the core reported, shown small beside its message: the seller can
 * quote it, and the log line about the same failure carries it.
 */
export function ErrorRef({ error }: { error: { id?: string } | null | undefined }) {
  if (!error?.id) return null;
  return <small className="error-ref"> (ref {error.id})</small>;
}

/** An error as the seller reads it: what happened, what to do, and its reference. */
export function ErrorText({ error }: { error: { message: string; hint?: string | undefined; id?: string } }) {
  return (
    <>
      {error.hint ? `${error.message} ${error.hint}` : error.message}
      <ErrorRef error={error} />
    </>
  );
}
