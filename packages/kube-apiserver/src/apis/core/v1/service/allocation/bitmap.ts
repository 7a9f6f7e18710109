// Which values of a range are taken: one bit per value, by offset from the
// start of the range (upstream: allocator.AllocationBitmap). Cluster IPs and
// node ports are both ranges of this kind.
//
// Values a client asks for by number can be anywhere in the range; values
// the server picks come from above `staticBand` first, at a random place, so
// the bottom of the range stays free for clients that want a well-known
// value (upstream: the static subranges of KEP-3070 and KEP-3668). Only when
// the upper part is full is the lower part used. Offsets below
// `firstDynamic` are never picked by the server (the first cluster IP is the
// `kubernetes` Service's).

export interface BitmapShape {
  /** Number of values in the range. */
  size: number;
  /** Offsets below this are picked by the server only when the rest is full. */
  staticBand: number;
  /** Offsets below this are never picked by the server. */
  firstDynamic: number;
}

export type RandomInt = (exclusiveMax: number) => number;

const defaultRandom: RandomInt = (max) => Math.floor(Math.random() * max);

export class AllocationBitmap {
  private readonly bits: Uint8Array;
  private used = 0;

  constructor(
    readonly shape: BitmapShape,
    bits?: Uint8Array,
  ) {
    this.bits = new Uint8Array(Math.ceil(shape.size / 8));
    if (bits) {
      this.bits.set(bits.subarray(0, this.bits.length));
      // Bits past the end of the range (a shorter range than when stored) do not count.
      for (let i = shape.size; i < this.bits.length * 8; i++) this.clear(i);
      for (let i = 0; i < shape.size; i++) if (this.has(i)) this.used++;
    }
  }

  /** From a snapshot's base64 text (see `snapshot`). */
  static restore(shape: BitmapShape, data: string): AllocationBitmap {
    return new AllocationBitmap(shape, Buffer.from(data, "base64"));
  }

  has(offset: number): boolean {
    if (!this.inRange(offset)) return false;
    return ((this.bits[offset >> 3] ?? 0) & (1 << (offset & 7))) !== 0;
  }

  /** Marks `offset` taken; false if it already was. */
  allocate(offset: number): boolean {
    if (!this.inRange(offset)) throw new RangeError(`offset ${offset} is outside a range of ${this.shape.size}`);
    if (this.has(offset)) return false;
    this.bits[offset >> 3] = (this.bits[offset >> 3] ?? 0) | (1 << (offset & 7));
    this.used++;
    return true;
  }

  /** Marks `offset` free; releasing a free or out-of-range offset does nothing. */
  release(offset: number): void {
    if (!this.has(offset)) return;
    this.clear(offset);
    this.used--;
  }

  /** A free offset the server may pick (see the file comment), or null when none is left. */
  pickFree(random: RandomInt = defaultRandom, taken: ReadonlySet<number> = new Set()): number | null {
    const { size, staticBand, firstDynamic } = this.shape;
    const isFree = (offset: number) => !this.has(offset) && !taken.has(offset);
    return scan(Math.max(staticBand, firstDynamic), size, random, isFree) ?? scan(firstDynamic, Math.min(staticBand, size), random, isFree);
  }

  /** Picks a free offset and marks it taken; null when the range is full. */
  allocateNext(random: RandomInt = defaultRandom): number | null {
    const offset = this.pickFree(random);
    if (offset !== null) this.allocate(offset);
    return offset;
  }

  /** Number of free values (including those the server never picks). */
  free(): number {
    return this.shape.size - this.used;
  }

  /** Every taken offset, in order. */
  offsets(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.shape.size; i++) if (this.has(i)) out.push(i);
    return out;
  }

  /** The bits as base64 text, without the trailing zero bytes. */
  snapshot(): string {
    let end = this.bits.length;
    while (end > 0 && this.bits[end - 1] === 0) end--;
    return Buffer.from(this.bits.subarray(0, end)).toString("base64");
  }

  private inRange(offset: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && offset < this.shape.size;
  }

  private clear(offset: number): void {
    this.bits[offset >> 3] = (this.bits[offset >> 3] ?? 0) & ~(1 << (offset & 7));
  }
}

/** From a random start in [from, to), the first offset (wrapping around) for which `isFree` holds. */
function scan(from: number, to: number, random: RandomInt, isFree: (offset: number) => boolean): number | null {
  const width = to - from;
  if (width <= 0) return null;
  const start = random(width);
  for (let i = 0; i < width; i++) {
    const offset = from + ((start + i) % width);
    if (isFree(offset)) return offset;
  }
  return null;
}
