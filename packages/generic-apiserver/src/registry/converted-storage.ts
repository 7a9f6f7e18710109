// One resource's storage seen in the form of another API version (upstream:
// the storage codec, which converts every object between the version a
// request speaks and the version kept in etcd).
//
// `convertedStorage(stored, conversion)` is a Storage of objects of one
// version whose every call converts on the way in (creates, updates, cached
// copies) and on the way out (reads, lists, watch events, the last state of
// a delete). Registry stores of several versions can then share one Store,
// one watch cache and one resourceVersion sequence, and an object written
// through either API is at once visible through the other. Users:
// events.k8s.io/v1 Events, kept in core/v1's form; each served version of a
// custom resource, kept in the CRD's storage version (its conversion may be
// a webhook call, so conversions may be asynchronous).
//
// A conversion that fails throws; the error (a StatusError, e.g. a 500 for a
// failing conversion webhook) reaches the client as is. In a watch it ends
// the watch with an ERROR event carrying that Status.

import { type KubeObject, isStatusError, newInternalError } from "@tskube/apimachinery";
import type {
  DeleteOptions,
  GetOptions,
  GuaranteedUpdateOptions,
  ListOptions,
  ListResult,
  SelectionPredicate,
  Storage,
  Watch,
  WatchEvent,
  WatchOptions,
} from "@tskube/storage";

/** The two directions between an API version's objects (T) and the stored form (S). */
export interface StorageConversion<T extends KubeObject, S extends KubeObject> {
  /** Must not change `obj` (it may be a shared, frozen object of the watch cache). */
  fromStored(obj: S): T | Promise<T>;
  toStored(obj: T): S | Promise<S>;
  /** Many objects at once (a list); default: one fromStored each. A webhook converts a list in one call. */
  fromStoredList?(objs: S[]): T[] | Promise<T[]>;
  /**
   * The object as label and field selectors see it, synchronously (they
   * run inside storage); needed when fromStored may be asynchronous.
   * Default: fromStored, which must then be synchronous.
   */
  forSelection?(obj: S): T;
}

export function convertedStorage<T extends KubeObject, S extends KubeObject>(
  stored: Storage<S>,
  conversion: StorageConversion<T, S>,
): Storage<T> {
  return new ConvertedStorage(stored, conversion);
}

class ConvertedStorage<T extends KubeObject, S extends KubeObject> implements Storage<T> {
  constructor(
    private readonly stored: Storage<S>,
    private readonly conversion: StorageConversion<T, S>,
  ) {}

  private from = (obj: S): T | Promise<T> => this.conversion.fromStored(obj);
  private to = (obj: T): S | Promise<S> => this.conversion.toStored(obj);

  private async fromList(objs: S[]): Promise<T[]> {
    if (this.conversion.fromStoredList) return this.conversion.fromStoredList(objs);
    return Promise.all(objs.map(this.from));
  }

  /** Selectors see the object as this version has it (its field names). */
  private predicate(p: SelectionPredicate<T> | undefined): SelectionPredicate<S> | undefined {
    if (p === undefined) return undefined;
    const { getAttrs, ...rest } = p;
    if (getAttrs === undefined) return rest;
    const forSelection = this.conversion.forSelection?.bind(this.conversion);
    return {
      ...rest,
      getAttrs: (obj) => {
        if (forSelection) return getAttrs(forSelection(obj));
        const converted = this.from(obj);
        if (converted instanceof Promise) throw new Error("selection needs forSelection() with an asynchronous conversion");
        return getAttrs(converted);
      },
    };
  }

  async create(key: string, obj: T, opts?: { ttlSeconds?: number }): Promise<T> {
    return this.from(await this.stored.create(key, await this.to(obj), opts));
  }

  async delete(key: string, opts: DeleteOptions<T> = {}): Promise<T> {
    const { validateDeletion, cachedExisting, ...rest } = opts;
    const storedOpts: DeleteOptions<S> = { ...rest };
    if (validateDeletion) storedOpts.validateDeletion = async (current) => validateDeletion(await this.from(current));
    if (cachedExisting) storedOpts.cachedExisting = await this.to(cachedExisting);
    return this.from(await this.stored.delete(key, storedOpts));
  }

  get(key: string, opts?: GetOptions & { ignoreNotFound?: false }): Promise<T>;
  get(key: string, opts: GetOptions & { ignoreNotFound: true }): Promise<T | null>;
  get(key: string, opts?: GetOptions): Promise<T | null>;
  async get(key: string, opts?: GetOptions): Promise<T | null> {
    const obj = await this.stored.get(key, opts);
    return obj === null ? null : this.from(obj);
  }

  async getList(keyPrefix: string, opts: ListOptions<T> = {}): Promise<ListResult<T>> {
    const { predicate, ...rest } = opts;
    const storedPredicate = this.predicate(predicate);
    const result = await this.stored.getList(keyPrefix, { ...rest, ...(storedPredicate ? { predicate: storedPredicate } : {}) });
    return { ...result, items: await this.fromList(result.items) };
  }

  async watch(keyPrefix: string, opts: WatchOptions<T> = {}): Promise<Watch<T>> {
    const { predicate, ...rest } = opts;
    const storedPredicate = this.predicate(predicate);
    const source = await this.stored.watch(keyPrefix, { ...rest, ...(storedPredicate ? { predicate: storedPredicate } : {}) });
    const from = this.from;
    async function* events(): AsyncGenerator<WatchEvent<T>> {
      for await (const event of source) {
        if (event.type === "ERROR") yield event;
        // A bookmark carries only a resourceVersion, the same in every version.
        else if (event.type === "BOOKMARK") yield { type: "BOOKMARK", object: event.object as KubeObject as T };
        else {
          let object: T;
          try {
            object = await from(event.object);
          } catch (err) {
            // An event this version cannot show ends the watch; the client relists.
            source.stop();
            yield { type: "ERROR", object: (isStatusError(err) ? err : newInternalError(err)).status };
            return;
          }
          yield { type: event.type, object };
        }
      }
    }
    return { stop: () => source.stop(), [Symbol.asyncIterator]: events };
  }

  async guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions<T>): Promise<T> {
    const { tryUpdate, cachedExisting, ...rest } = opts;
    const storedOpts: GuaranteedUpdateOptions<S> = {
      ...rest,
      tryUpdate: async (current) => this.to(await tryUpdate(current === null ? null : await this.from(current))),
    };
    if (cachedExisting) storedOpts.cachedExisting = await this.to(cachedExisting);
    return this.from(await this.stored.guaranteedUpdate(key, storedOpts));
  }

  count(keyPrefix: string): Promise<number> {
    return this.stored.count(keyPrefix);
  }

  currentResourceVersion(): Promise<number> {
    return this.stored.currentResourceVersion();
  }
}
