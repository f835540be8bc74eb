/**
 * The double's Taxonomy calls: one category tree per marketplace, suggestions by keywords
 * (leaf categories whose words all appear in the query, best match first), and the aspects of
 * a leaf, refusing a non-leaf or unknown category with eBay's error ids (62004/62005/62009).
 */
import type { Reply } from './http';
import type { DoubleState } from './state';

export interface DoubleCategory {
  id: string;
  name: string;
  /** From the root down, not including this one. */
  ancestors: { id: string; name: string }[];
  leaf: boolean;
  /** Words that make eBay suggest it. */
  words: string[];
  aspects: { name: string; required: boolean; selectionOnly?: boolean; values?: string[] }[];
}

const TREES: Record<string, string> = { EBAY_US: '0', EBAY_GB: '3', EBAY_DE: '77' };

const json = (status: number, body: unknown): Reply => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const refuse = (errorId: number, message: string) =>
  json(400, { errors: [{ errorId, domain: 'API_TAXONOMY', category: 'REQUEST', message }] });

export function answerTaxonomy(
  state: DoubleState,
  id: string,
  q: URLSearchParams,
  path: Record<string, string>,
): Reply | null {
  if (id === 'getDefaultCategoryTreeId') {
    const tree = TREES[q.get('marketplace_id') ?? ''];
    if (!tree) return refuse(62003, 'The specified marketplace ID was not found.');
    return json(200, { categoryTreeId: tree, categoryTreeVersion: '131' });
  }
  if (id !== 'getCategorySuggestions' && id !== 'getItemAspectsForCategory') return null;
  if (!Object.values(TREES).includes(path.category_tree_id ?? ''))
    return refuse(62004, 'The specified category tree ID was not found.');
  if (id === 'getCategorySuggestions') {
    const words = (q.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return refuse(62007, "Missing keyword 'q'.");
    const scored = state.categories
      .filter((c) => c.leaf)
      .map((c) => ({ c, score: c.words.filter((w) => words.includes(w)).length }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score);
    if (scored.length === 0) return { status: 204, body: '' };
    return json(200, {
      categoryTreeId: path.category_tree_id,
      categoryTreeVersion: '131',
      categorySuggestions: scored.map(({ c }) => ({
        category: { categoryId: c.id, categoryName: c.name },
        categoryTreeNodeLevel: c.ancestors.length + 1,
        // eBay lists the ancestors from the nearest up.
        categoryTreeNodeAncestors: [...c.ancestors].reverse().map((a, i) => ({
          categoryId: a.id,
          categoryName: a.name,
          categoryTreeNodeLevel: c.ancestors.length - i,
        })),
      })),
    });
  }
  const category = state.categories.find((c) => c.id === q.get('category_id'));
  if (!category) return refuse(62005, 'The specified category ID does not belong to specified category tree.');
  if (!category.leaf) return refuse(62009, 'The specified category ID must be a leaf category.');
  state.calls.push(`taxonomy:aspects:${category.id}`);
  return json(200, {
    aspects: category.aspects.map((a) => ({
      localizedAspectName: a.name,
      aspectConstraint: {
        aspectRequired: a.required,
        // eBay was seen saying RECOMMENDED for required aspects (ebay-api.md): FlipSync must not read this.
        aspectUsage: 'RECOMMENDED',
        aspectMode: a.selectionOnly ? 'SELECTION_ONLY' : 'FREE_TEXT',
        aspectDataType: 'STRING',
      },
      ...(a.values ? { aspectValues: a.values.map((v) => ({ localizedValue: v })) } : {}),
    })),
  });
}
