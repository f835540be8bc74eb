/** How an item keeps its eBay category: "Leaf name (id)", readable on the dashboard, with its id. */
export const categoryLabel = (name: string, id: string) => (name ? `${name} (${id})` : id);
/** The category id in what the item keeps (digits, or "Name (id)"); null when it is words. */
export const idIn = (category: string) =>
  /^(\d+)$/.exec(category.trim())?.[1] ?? /\((\d+)\)$/.exec(category.trim())?.[1] ?? null;
