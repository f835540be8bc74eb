import type { RowIssue } from '@shared/api';

/** Problems by row number, as the seller's spreadsheet numbers the rows. */
export function RowIssues({ title, issues, total }: { title: string; issues: RowIssue[]; total?: number }) {
  if (issues.length === 0) return null;
  const more = (total ?? issues.length) - issues.length;
  return (
    <section className="row-issues" aria-label={title}>
      <h3>
        {title} ({total ?? issues.length})
      </h3>
      <ul>
        {issues.map((issue, i) => (
          <li key={`${issue.row}-${i}`}>
            <strong>Row {issue.row}</strong>: {issue.reason}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">…and {more} more not listed.</p>}
    </section>
  );
}
