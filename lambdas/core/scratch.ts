/**
 * Scratch typed arrays for the hot stages: allocating a dozen typed arrays per article cost more than
 * the work done in them on a short article. A pool belongs to one module, whose calls never overlap
 * (the core is synchronous and they do not call each other), and nothing keeps its arrays past a call.
 * Each slot's array grows to the largest size asked and is reused with the contents the last call left;
 * past MAX_ELEMENTS a call gets an array of its own, so a huge article leaves little memory held.
 */
const MAX_ELEMENTS = 1 << 16;

/** Typed arrays by slot number, reused from call to call. */
export class ScratchPool {
  private readonly ints: Int32Array[] = [];
  private readonly floats: Float64Array[] = [];

  /** An Int32Array of at least `size` elements, holding whatever the slot's last user left. */
  int32(slot: number, size: number): Int32Array {
    if (size > MAX_ELEMENTS) return new Int32Array(size);
    let a = this.ints[slot];
    if (a === undefined || a.length < size) {
      a = new Int32Array(capacityFor(size));
      this.ints[slot] = a;
    }
    return a;
  }

  /** A Float64Array of at least `size` elements, holding whatever the slot's last user left. */
  float64(slot: number, size: number): Float64Array {
    if (size > MAX_ELEMENTS) return new Float64Array(size);
    let a = this.floats[slot];
    if (a === undefined || a.length < size) {
      a = new Float64Array(capacityFor(size));
      this.floats[slot] = a;
    }
    return a;
  }

  /** `a` grown to `size` elements with its contents kept, and kept as the slot's array when small enough. */
  grow32(slot: number, a: Int32Array, size: number): Int32Array {
    const grown = new Int32Array(size);
    grown.set(a);
    if (size <= MAX_ELEMENTS) this.ints[slot] = grown;
    return grown;
  }

  /** A zeroed Int32Array of `size` elements, kept as the slot's array when small enough (for a table that doubles). */
  fresh32(slot: number, size: number): Int32Array {
    const a = new Int32Array(size);
    if (size <= MAX_ELEMENTS) this.ints[slot] = a;
    return a;
  }
}

/** The next power of two from 256 up that holds `size` elements. */
function capacityFor(size: number): number {
  let length = 256;
  while (length < size) length *= 2;
  return length;
}
