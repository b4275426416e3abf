/**
 * A throwaway in-memory database plugin for ltijs 5.9.9, so the platform's self-tests can drive a
 * real ltijs Provider without MongoDB or the app's storage. Nothing is encrypted: test use only.
 */
type Doc = Record<string, unknown>;

interface Row {
  /** What queries match against: the item plus ltijs's index fields. */
  match: Doc;
  value: Doc;
  createdAt: number;
}

function matches(row: Row, query: Doc | undefined): boolean {
  return Object.entries(query ?? {}).every(([key, value]) => JSON.stringify(row.match[key]) === JSON.stringify(value));
}

export class LtijsMemoryDb {
  private readonly collections = new Map<string, Row[]>();

  private rows(collection: string): Row[] {
    let rows = this.collections.get(collection);
    if (!rows) {
      rows = [];
      this.collections.set(collection, rows);
    }
    return rows;
  }

  async setup(): Promise<true> {
    return true;
  }

  async Close(): Promise<true> {
    return true;
  }

  async Get(_key: unknown, collection: string, query?: Doc): Promise<Doc[] | false> {
    const found = this.rows(collection)
      .filter((row) => matches(row, query))
      .map((row) => ({ ...structuredClone(row.value), createdAt: row.createdAt }));
    return found.length > 0 ? found : false;
  }

  async Insert(_key: unknown, collection: string, item: Doc, index?: Doc): Promise<true> {
    this.rows(collection).push({ match: { ...item, ...index }, value: structuredClone(item), createdAt: Date.now() });
    return true;
  }

  async Replace(key: unknown, collection: string, query: Doc, item: Doc, index?: Doc): Promise<true> {
    await this.Delete(collection, query);
    return this.Insert(key, collection, item, index);
  }

  async Modify(_key: unknown, collection: string, query: Doc, modification: Doc): Promise<true> {
    for (const row of this.rows(collection).filter((r) => matches(r, query))) {
      Object.assign(row.value, modification);
      Object.assign(row.match, modification);
    }
    return true;
  }

  async Delete(collection: string, query: Doc): Promise<true> {
    const rows = this.rows(collection);
    this.collections.set(
      collection,
      rows.filter((row) => !matches(row, query)),
    );
    return true;
  }
}
