/**
 * The reference of an error the core reported, shown small beside its message: the seller can
 * quote it, and the log line about the same failure carries it.
 */
export function ErrorRef({ error }: { error: { id?: string } | null | undefined }) {
  if (!error?.id) return null;
  return <small className="error-ref"> (ref {error.id})</small>;
}
