interface Page<T> { items: T[]; next?: string }
function paginate<T>(all: T[], size: number): Page<T>[] {
  const pages: Page<T>[] = [];
  for (let i = 0; i < all.length; i += size) {
    pages.push({ items: all.slice(i, i + size), next: i + size < all.length ? String(i + size) : undefined });
  }
  return pages;
}
const pages = paginate<number>([1, 2, 3, 4, 5], 2);
return pages.map((p) => p.items.length);
