// A sorted array of keys: lists come out in key order (as the store returns
// them), a prefix is a contiguous run found by binary search, and a page can
// start at any key. Inserting or removing moves the tail of the array (a
// memmove of pointers): microseconds at 10,000 keys, fine at 100,000.

export class SortedKeys {
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** Adds `key` unless it is already there. */
  insert(key: string): void {
    // Initial lists arrive in key order: appending is the common case.
    const last = this.keys[this.keys.length - 1];
    if (last === undefined || last < key) {
      this.keys.push(key);
      return;
    }
    const at = this.lowerBound(key);
    if (this.keys[at] !== key) this.keys.splice(at, 0, key);
  }

  remove(key: string): void {
    const at = this.lowerBound(key);
    if (this.keys[at] === key) this.keys.splice(at, 1);
  }

  /** Index of the first key >= `key`. */
  lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The keys in [start, end) (end "" = to the last key), in order, as an index range into `at()`. */
  range(start: string, end: string): { from: number; to: number } {
    return { from: this.lowerBound(start), to: end === "" ? this.keys.length : this.lowerBound(end) };
  }

  at(index: number): string {
    return this.keys[index] as string;
  }
}
