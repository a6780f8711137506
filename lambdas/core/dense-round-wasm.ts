/**
 * One dense PageRank round as a hand-written WebAssembly module, spelled out byte by byte so it can be
 * reviewed and changed (see `rankDense` in summarise.ts for how it is used). The same module as WAT:
 *
 * (module
 *   (type $round (func (param i32 f64)))
 *   ;; r(n, base): the matrix (n * n doubles) at byte 0, the shares (n) after it, next (n) after those;
 *   ;; writes next[i] for rows 0 to the last multiple of eight. Byte addresses throughout.
 *   (func $r (type $round) (param $n i32) (param $base f64)
 *     (local $i i32) (local $j i32) (local $cell i32) (local $share i32) (local $row i32)
 *     (local $shares i32)
 *     (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $sj v128)
 *     local.get $n
 *     i32.const 3
 *     i32.shl
 *     local.set $row                  ;; bytes in one row: n * 8
 *     local.get $row
 *     local.get $n
 *     i32.mul
 *     local.set $shares               ;; the shares start after the n * n cells
 *     i32.const 0
 *     local.set $i
 *     block $done
 *       loop $blocks                  ;; one block of eight rows i .. i + 7
 *         local.get $i
 *         i32.const 8
 *         i32.add
 *         local.get $n
 *         i32.gt_s
 *         br_if $done                 ;; fewer than eight rows left: the caller does them
 *         local.get $base
 *         f64x2.splat
 *         local.tee $s0
 *         local.tee $s1
 *         local.tee $s2
 *         local.set $s3               ;; eight sums, two per f64x2, all starting at base
 *         local.get $i
 *         i32.const 3
 *         i32.shl
 *         local.set $cell             ;; w(0, i): the matrix is symmetric, w(i + k, j) = w(j, i + k)
 *         local.get $shares
 *         local.set $share            ;; share[0]
 *         local.get $n
 *         local.set $j                ;; counts the n columns down (n >= 32 here, so at least one)
 *         loop $columns
 *           local.get $share
 *           v128.load64_splat
 *           local.set $sj             ;; share[j] in both lanes
 *           local.get $s0
 *           local.get $sj
 *           local.get $cell
 *           v128.load align=8
 *           f64x2.mul
 *           f64x2.add
 *           local.set $s0             ;; rows i, i + 1 += share[j] * w(j, i), w(j, i + 1)
 *           local.get $s1
 *           local.get $sj
 *           local.get $cell
 *           v128.load offset=16 align=8
 *           f64x2.mul
 *           f64x2.add
 *           local.set $s1             ;; rows i + 2, i + 3
 *           local.get $s2
 *           local.get $sj
 *           local.get $cell
 *           v128.load offset=32 align=8
 *           f64x2.mul
 *           f64x2.add
 *           local.set $s2             ;; rows i + 4, i + 5
 *           local.get $s3
 *           local.get $sj
 *           local.get $cell
 *           v128.load offset=48 align=8
 *           f64x2.mul
 *           f64x2.add
 *           local.set $s3             ;; rows i + 6, i + 7
 *           local.get $cell
 *           local.get $row
 *           i32.add
 *           local.set $cell           ;; w(j + 1, i)
 *           local.get $share
 *           i32.const 8
 *           i32.add
 *           local.set $share          ;; share[j + 1]
 *           local.get $j
 *           i32.const 1
 *           i32.sub
 *           local.tee $j
 *           br_if $columns
 *         end
 *         local.get $shares
 *         local.get $row
 *         i32.add
 *         local.get $i
 *         i32.const 3
 *         i32.shl
 *         i32.add
 *         local.set $cell             ;; next[i], after the n shares
 *         local.get $cell
 *         local.get $s0
 *         v128.store align=8
 *         local.get $cell
 *         local.get $s1
 *         v128.store offset=16 align=8
 *         local.get $cell
 *         local.get $s2
 *         v128.store offset=32 align=8
 *         local.get $cell
 *         local.get $s3
 *         v128.store offset=48 align=8
 *         local.get $i
 *         i32.const 8
 *         i32.add
 *         local.set $i
 *         br $blocks
 *       end
 *     end)
 *   (memory $m 1)
 *   (export "m" (memory $m))
 *   (export "r" (func $r)))
 *
 * Every load and store declares 8-byte alignment (one double; a memarg's align is its log2, 3): WAT
 * leaves that out for v128.load64_splat, whose natural alignment it is, but spells it out for v128.load
 * and v128.store (theirs is 16). Either way the loads and stores work at any address.
 */

// Section ids.
const TYPE_SECTION = 1;
const FUNCTION_SECTION = 3;
const MEMORY_SECTION = 5;
const EXPORT_SECTION = 7;
const CODE_SECTION = 10;

// Value and type constructors.
const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
const FUNC_TYPE = 0x60;
const EMPTY_BLOCK = 0x40;

// Export kinds and memory limits.
const EXPORT_FUNC = 0x00;
const EXPORT_MEMORY = 0x02;
const LIMITS_MIN_ONLY = 0x00;

// Opcodes.
const BLOCK = 0x02;
const LOOP = 0x03;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I32_GT_S = 0x4a;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_SHL = 0x74;
// SIMD opcodes follow the 0xfd prefix as unsigned LEB128 (f64x2.add is fd f0 01, f64x2.mul fd f2 01).
const SIMD = 0xfd;
const V128_LOAD = 0x00;
const V128_LOAD64_SPLAT = 0x0a;
const V128_STORE = 0x0b;
const F64X2_SPLAT = 0x14;
const F64X2_ADD = 0xf0;
const F64X2_MUL = 0xf2;

/** log2 of the alignment every load and store declares: 8 bytes, one double. */
const ALIGN_8 = 3;

// Local indices: the two parameters, then six i32 locals, then five v128 locals.
const $n = 0;
const $base = 1;
const $i = 2;
const $j = 3;
const $cell = 4;
const $share = 5;
const $row = 6;
const $shares = 7;
const $s0 = 8;
const $s1 = 9;
const $s2 = 10;
const $s3 = 11;
const $sj = 12;

// Branch depths, counted outwards from the innermost enclosing block or loop.
const INNERMOST = 0;
const ONE_OUT = 1;

/**
 * Bytes in order, with the encodings the module needs. A section or function body is written into its
 * own and then appended after its size, so no size is counted by hand.
 */
class Bytes {
  readonly list: number[] = [];

  /** Appends bytes as they are. */
  byte(...bytes: number[]): void {
    for (const b of bytes) this.list.push(b);
  }

  /** Appends an unsigned LEB128 integer (sizes, counts, indices, offsets, SIMD opcodes). */
  unsigned(value: number): void {
    let rest = value;
    for (;;) {
      const low = rest & 0x7f;
      rest >>>= 7;
      if (rest === 0) {
        this.list.push(low);
        return;
      }
      this.list.push(low | 0x80);
    }
  }

  /** Appends a signed LEB128 integer (`i32.const` immediates). */
  signed(value: number): void {
    let rest = value;
    for (;;) {
      const low = rest & 0x7f;
      rest >>= 7;
      // Done once the rest is all sign bits and this byte's bit 6 carries that sign.
      if ((rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0)) {
        this.list.push(low);
        return;
      }
      this.list.push(low | 0x80);
    }
  }

  /** Appends a name: its length, then its bytes (ASCII here). */
  name(text: string): void {
    this.unsigned(text.length);
    for (let i = 0; i < text.length; i++) this.list.push(text.charCodeAt(i));
  }

  /** Appends `inner`'s bytes after their count (a section's or a function body's size). */
  sized(inner: Bytes): void {
    this.unsigned(inner.list.length);
    for (const b of inner.list) this.list.push(b);
  }
}

/** Instructions, each appending its opcode and immediates. */
class Code extends Bytes {
  block(): void {
    this.byte(BLOCK, EMPTY_BLOCK);
  }
  loop(): void {
    this.byte(LOOP, EMPTY_BLOCK);
  }
  end(): void {
    this.byte(END);
  }
  br(depth: number): void {
    this.byte(BR);
    this.unsigned(depth);
  }
  brIf(depth: number): void {
    this.byte(BR_IF);
    this.unsigned(depth);
  }
  localGet(local: number): void {
    this.byte(LOCAL_GET);
    this.unsigned(local);
  }
  localSet(local: number): void {
    this.byte(LOCAL_SET);
    this.unsigned(local);
  }
  localTee(local: number): void {
    this.byte(LOCAL_TEE);
    this.unsigned(local);
  }
  i32Const(value: number): void {
    this.byte(I32_CONST);
    this.signed(value);
  }
  simd(op: number): void {
    this.byte(SIMD);
    this.unsigned(op);
  }
  /** A SIMD load or store with its memarg: the alignment's log2, then the offset added to the address. */
  simdMemory(op: number, offset: number): void {
    this.simd(op);
    this.unsigned(ALIGN_8);
    this.unsigned(offset);
  }
}

/** Appends the round's instructions, one per line, with the WAT above beside them. */
function writeRound(code: Code): void {
  code.localGet($n); //                        local.get $n
  code.i32Const(3); //                         i32.const 3
  code.byte(I32_SHL); //                       i32.shl
  code.localSet($row); //                      local.set $row
  code.localGet($row); //                      local.get $row
  code.localGet($n); //                        local.get $n
  code.byte(I32_MUL); //                       i32.mul
  code.localSet($shares); //                   local.set $shares
  code.i32Const(0); //                         i32.const 0
  code.localSet($i); //                        local.set $i
  code.block(); //                             block $done
  code.loop(); //                                loop $blocks
  code.localGet($i); //                            local.get $i
  code.i32Const(8); //                             i32.const 8
  code.byte(I32_ADD); //                           i32.add
  code.localGet($n); //                            local.get $n
  code.byte(I32_GT_S); //                          i32.gt_s
  code.brIf(ONE_OUT); //                           br_if $done
  code.localGet($base); //                         local.get $base
  code.simd(F64X2_SPLAT); //                       f64x2.splat
  code.localTee($s0); //                           local.tee $s0
  code.localTee($s1); //                           local.tee $s1
  code.localTee($s2); //                           local.tee $s2
  code.localSet($s3); //                           local.set $s3
  code.localGet($i); //                            local.get $i
  code.i32Const(3); //                             i32.const 3
  code.byte(I32_SHL); //                           i32.shl
  code.localSet($cell); //                         local.set $cell
  code.localGet($shares); //                       local.get $shares
  code.localSet($share); //                        local.set $share
  code.localGet($n); //                            local.get $n
  code.localSet($j); //                            local.set $j
  code.loop(); //                                  loop $columns
  code.localGet($share); //                          local.get $share
  code.simdMemory(V128_LOAD64_SPLAT, 0); //          v128.load64_splat
  code.localSet($sj); //                             local.set $sj
  code.localGet($s0); //                             local.get $s0
  code.localGet($sj); //                             local.get $sj
  code.localGet($cell); //                           local.get $cell
  code.simdMemory(V128_LOAD, 0); //                  v128.load align=8
  code.simd(F64X2_MUL); //                           f64x2.mul
  code.simd(F64X2_ADD); //                           f64x2.add
  code.localSet($s0); //                             local.set $s0
  code.localGet($s1); //                             local.get $s1
  code.localGet($sj); //                             local.get $sj
  code.localGet($cell); //                           local.get $cell
  code.simdMemory(V128_LOAD, 16); //                 v128.load offset=16 align=8
  code.simd(F64X2_MUL); //                           f64x2.mul
  code.simd(F64X2_ADD); //                           f64x2.add
  code.localSet($s1); //                             local.set $s1
  code.localGet($s2); //                             local.get $s2
  code.localGet($sj); //                             local.get $sj
  code.localGet($cell); //                           local.get $cell
  code.simdMemory(V128_LOAD, 32); //                 v128.load offset=32 align=8
  code.simd(F64X2_MUL); //                           f64x2.mul
  code.simd(F64X2_ADD); //                           f64x2.add
  code.localSet($s2); //                             local.set $s2
  code.localGet($s3); //                             local.get $s3
  code.localGet($sj); //                             local.get $sj
  code.localGet($cell); //                           local.get $cell
  code.simdMemory(V128_LOAD, 48); //                 v128.load offset=48 align=8
  code.simd(F64X2_MUL); //                           f64x2.mul
  code.simd(F64X2_ADD); //                           f64x2.add
  code.localSet($s3); //                             local.set $s3
  code.localGet($cell); //                           local.get $cell
  code.localGet($row); //                            local.get $row
  code.byte(I32_ADD); //                             i32.add
  code.localSet($cell); //                           local.set $cell
  code.localGet($share); //                          local.get $share
  code.i32Const(8); //                               i32.const 8
  code.byte(I32_ADD); //                             i32.add
  code.localSet($share); //                          local.set $share
  code.localGet($j); //                              local.get $j
  code.i32Const(1); //                               i32.const 1
  code.byte(I32_SUB); //                             i32.sub
  code.localTee($j); //                              local.tee $j
  code.brIf(INNERMOST); //                           br_if $columns
  code.end(); //                                   end
  code.localGet($shares); //                       local.get $shares
  code.localGet($row); //                          local.get $row
  code.byte(I32_ADD); //                           i32.add
  code.localGet($i); //                            local.get $i
  code.i32Const(3); //                             i32.const 3
  code.byte(I32_SHL); //                           i32.shl
  code.byte(I32_ADD); //                           i32.add
  code.localSet($cell); //                         local.set $cell
  code.localGet($cell); //                         local.get $cell
  code.localGet($s0); //                           local.get $s0
  code.simdMemory(V128_STORE, 0); //               v128.store align=8
  code.localGet($cell); //                         local.get $cell
  code.localGet($s1); //                           local.get $s1
  code.simdMemory(V128_STORE, 16); //              v128.store offset=16 align=8
  code.localGet($cell); //                         local.get $cell
  code.localGet($s2); //                           local.get $s2
  code.simdMemory(V128_STORE, 32); //              v128.store offset=32 align=8
  code.localGet($cell); //                         local.get $cell
  code.localGet($s3); //                           local.get $s3
  code.simdMemory(V128_STORE, 48); //              v128.store offset=48 align=8
  code.localGet($i); //                            local.get $i
  code.i32Const(8); //                             i32.const 8
  code.byte(I32_ADD); //                           i32.add
  code.localSet($i); //                            local.set $i
  code.br(INNERMOST); //                           br $blocks
  code.end(); //                                 end
  code.end(); //                               end
  code.end(); //                               end (of $r)
}

/** The dense-round module's 269 bytes, built on each call (summarise.ts builds them once, at first use). */
export function encodeDenseRoundWasm(): Uint8Array<ArrayBuffer> {
  const wasm = new Bytes();
  wasm.byte(0x00, 0x61, 0x73, 0x6d); // magic: "\0asm"
  wasm.byte(0x01, 0x00, 0x00, 0x00); // version 1

  const types = new Bytes();
  types.unsigned(1); // one type:
  types.byte(FUNC_TYPE); // (type $round (func
  types.unsigned(2);
  types.byte(I32, F64); //   (param i32 f64)
  types.unsigned(0); //      no results))
  wasm.byte(TYPE_SECTION);
  wasm.sized(types);

  const functions = new Bytes();
  functions.unsigned(1); // one function:
  functions.unsigned(0); // $r has type $round
  wasm.byte(FUNCTION_SECTION);
  wasm.sized(functions);

  const memories = new Bytes();
  memories.unsigned(1); // one memory:
  memories.byte(LIMITS_MIN_ONLY);
  memories.unsigned(1); // (memory $m 1): one 64 KiB page, no maximum (summarise.ts grows it)
  wasm.byte(MEMORY_SECTION);
  wasm.sized(memories);

  const exports = new Bytes();
  exports.unsigned(2); // two exports:
  exports.name('m');
  exports.byte(EXPORT_MEMORY);
  exports.unsigned(0); // (export "m" (memory $m))
  exports.name('r');
  exports.byte(EXPORT_FUNC);
  exports.unsigned(0); // (export "r" (func $r))
  wasm.byte(EXPORT_SECTION);
  wasm.sized(exports);

  const body = new Code();
  body.unsigned(2); // two runs of locals:
  body.unsigned(6);
  body.byte(I32); // $i $j $cell $share $row $shares
  body.unsigned(5);
  body.byte(V128); // $s0 $s1 $s2 $s3 $sj
  writeRound(body);
  const code = new Bytes();
  code.unsigned(1); // one function body, $r's:
  code.sized(body);
  wasm.byte(CODE_SECTION);
  wasm.sized(code);

  return Uint8Array.from(wasm.list);
}
