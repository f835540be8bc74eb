/**
 * eBay's category tree for listing: suggestions for what an item is (leaf categories with
 * their path) and the item specifics (aspects) each leaf requires. Application token, one
 * tree per marketplace; both change rarely, so they are kept in memory for the session.
 * Required means `aspectConstraint.aspectRequired` (ebay-api.md: `aspectUsage` was seen
 * saying RECOMMENDED for required aspects).
 */
import createClient from 'openapi-fetch';
import type { CategoryChoice, CategoryAspect } from '@shared/api/agents';
import { restError } from './errors';
import type { paths as TaxonomyPaths } from './generated/taxonomy';
import type { EbayHttp } from './http';

/** Values listed per aspect: enough for a model to pick from, not the whole catalogue. */
const VALUES_SHOWN = 25;

export class Taxonomy {
  private readonly trees = new Map<string, Promise<string>>();
  private readonly aspectsOf = new Map<string, Promise<CategoryAspect[]>>();
  /** Leaf names seen in suggestions, so a proposal can name the category it sets. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly http: EbayHttp,
    private readonly api: () => Promise<string>,
    private readonly token: () => Promise<string>,
  ) {}

  /** Up to `max` leaf categories for the words, most relevant first, with their aspects. */
  async suggest(q: string, marketplaceId: string, max: number, signal?: AbortSignal): Promise<CategoryChoice[]> {
    const tree = await this.tree(marketplaceId, signal);
    const { data, error, response } = await (
      await this.client(signal)
    ).GET('/category_tree/{category_tree_id}/get_category_suggestions', {
      params: { path: { category_tree_id: tree }, query: { q } },
      headers: await this.auth(),
    });
    if (response.status === 204) return [];
    if (!data) throw restError('taxonomy', 'getCategorySuggestions', response.status, error);
    const choices: CategoryChoice[] = [];
    for (const s of (data.categorySuggestions ?? []).slice(0, max)) {
      const id = s.category?.categoryId;
      if (!id) continue;
      const path = [...(s.categoryTreeNodeAncestors ?? [])]
        .sort((a, b) => (a.categoryTreeNodeLevel ?? 0) - (b.categoryTreeNodeLevel ?? 0))
        .map((a) => a.categoryName ?? '')
        .concat(s.category?.categoryName ?? '')
        .filter(Boolean)
        .join(' > ');
      const name = s.category?.categoryName ?? '';
      if (name) this.names.set(`${marketplaceId}/${id}`, name);
      choices.push({ categoryId: id, name, path, aspects: await this.aspects(id, marketplaceId, signal) });
    }
    return choices;
  }

  /** The leaf's name when a suggestion showed it this session. */
  nameOf(categoryId: string, marketplaceId: string): string | null {
    return this.names.get(`${marketplaceId}/${categoryId}`) ?? null;
  }

  /** Reads the category's specifics from eBay again next time (eBay refused a listing over them). */
  forget(categoryId: string, marketplaceId: string): void {
    this.aspectsOf.delete(`${marketplaceId}/${categoryId}`);
  }

  /** The item specifics of a leaf category; eBay's refusal (not a leaf, unknown) is an error. */
  aspects(categoryId: string, marketplaceId: string, signal?: AbortSignal): Promise<CategoryAspect[]> {
    const key = `${marketplaceId}/${categoryId}`;
    let found = this.aspectsOf.get(key);
    if (!found) {
      found = this.readAspects(categoryId, marketplaceId, signal);
      found.catch(() => this.aspectsOf.delete(key));
      this.aspectsOf.set(key, found);
    }
    return found;
  }

  private async readAspects(categoryId: string, marketplaceId: string, signal?: AbortSignal) {
    const tree = await this.tree(marketplaceId, signal);
    const { data, error, response } = await (
      await this.client(signal)
    ).GET('/category_tree/{category_tree_id}/get_item_aspects_for_category', {
      params: { path: { category_tree_id: tree }, query: { category_id: categoryId } },
      headers: await this.auth(),
    });
    if (response.status === 204) return [];
    if (!data) throw restError('taxonomy', 'getItemAspectsForCategory', response.status, error);
    return (data.aspects ?? []).flatMap((a): CategoryAspect[] =>
      a.localizedAspectName
        ? [
            {
              name: a.localizedAspectName,
              required: a.aspectConstraint?.aspectRequired === true,
              freeText: a.aspectConstraint?.aspectMode !== 'SELECTION_ONLY',
              values: (a.aspectValues ?? [])
                .slice(0, VALUES_SHOWN)
                .flatMap((v) => (v.localizedValue ? [v.localizedValue] : [])),
            },
          ]
        : [],
    );
  }

  private tree(marketplaceId: string, signal?: AbortSignal): Promise<string> {
    let found = this.trees.get(marketplaceId);
    if (!found) {
      found = (async () => {
        const { data, error, response } = await (
          await this.client(signal)
        ).GET('/get_default_category_tree_id', {
          params: { query: { marketplace_id: marketplaceId } },
          headers: await this.auth(),
        });
        if (!data?.categoryTreeId) throw restError('taxonomy', 'getDefaultCategoryTreeId', response.status, error);
        return data.categoryTreeId;
      })();
      found.catch(() => this.trees.delete(marketplaceId));
      this.trees.set(marketplaceId, found);
    }
    return found;
  }

  private async auth() {
    return { authorization: `Bearer ${await this.token()}` };
  }

  private async client(signal?: AbortSignal) {
    return createClient<TaxonomyPaths>({
      baseUrl: `${await this.api()}/commerce/taxonomy/v1`,
      fetch: async (request: Request) => {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, key) => (headers[key] = value));
        return this.http.send('taxonomy', { url: request.url, method: 'GET', headers }, signal);
      },
    });
  }
}
