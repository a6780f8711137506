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
// SIMD opcodes: the 0xfd prefix, then the opcode as unsigned LEB128 (0xf0 and 0xf2 take two bytes).
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00];
const V128_LOAD64_SPLAT = [SIMD, 0x0a];
const V128_STORE = [SIMD, 0x0b];
const F64X2_SPLAT = [SIMD, 0x14];
const F64X2_ADD = [SIMD, 0xf0, 0x01];
const F64X2_MUL = [SIMD, 0xf2, 0x01];

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

/** An unsigned LEB128 integer (lengths, counts, indices, offsets). */
function encodeUnsigned(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** A signed LEB128 integer (`i32.const` immediates). */
function encodeSigned(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    // Done once the rest is all sign bits and the last byte's top bit carries that sign.
    if ((rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0)) {
      bytes.push(low);
      return bytes;
    }
    bytes.push(low | 0x80);
  }
}

/** A vector: its length, then its items. */
function encodeVector(items: readonly (readonly number[])[]): number[] {
  return [...encodeUnsigned(items.length), ...items.flat()];
}

/** A name: its UTF-8 bytes as a vector (ASCII here). */
function encodeName(name: string): number[] {
  return encodeVector([...name].map((c) => [c.charCodeAt(0)]));
}

/** A section: its id, its size in bytes, its contents. */
function encodeSection(id: number, contents: readonly number[]): number[] {
  return [id, ...encodeUnsigned(contents.length), ...contents];
}

const localGet = (x: number) => [LOCAL_GET, ...encodeUnsigned(x)];
const localSet = (x: number) => [LOCAL_SET, ...encodeUnsigned(x)];
const localTee = (x: number) => [LOCAL_TEE, ...encodeUnsigned(x)];
const i32Const = (value: number) => [I32_CONST, ...encodeSigned(value)];
const br = (depth: number) => [BR, ...encodeUnsigned(depth)];
const brIf = (depth: number) => [BR_IF, ...encodeUnsigned(depth)];
/** A load or store with its memarg: alignment, then the offset added to the address. */
const memoryAccess = (op: readonly number[], offset: number) => [
  ...op,
  ...encodeUnsigned(ALIGN_8),
  ...encodeUnsigned(offset),
];

/** The round's instructions, one per line, in the WAT above. */
function encodeRoundBody(): number[] {
  const code: (number | number[])[] = [
    localGet($n), //                             local.get $n
    i32Const(3), //                              i32.const 3
    I32_SHL, //                                  i32.shl
    localSet($row), //                           local.set $row
    localGet($row), //                           local.get $row
    localGet($n), //                             local.get $n
    I32_MUL, //                                  i32.mul
    localSet($shares), //                        local.set $shares
    i32Const(0), //                              i32.const 0
    localSet($i), //                             local.set $i
    [BLOCK, EMPTY_BLOCK], //                     block $done
    [LOOP, EMPTY_BLOCK], //                        loop $blocks
    localGet($i), //                                 local.get $i
    i32Const(8), //                                  i32.const 8
    I32_ADD, //                                      i32.add
    localGet($n), //                                 local.get $n
    I32_GT_S, //                                     i32.gt_s
    brIf(ONE_OUT), //                                br_if $done
    localGet($base), //                              local.get $base
    F64X2_SPLAT, //                                  f64x2.splat
    localTee($s0), //                                local.tee $s0
    localTee($s1), //                                local.tee $s1
    localTee($s2), //                                local.tee $s2
    localSet($s3), //                                local.set $s3
    localGet($i), //                                 local.get $i
    i32Const(3), //                                  i32.const 3
    I32_SHL, //                                      i32.shl
    localSet($cell), //                              local.set $cell
    localGet($shares), //                            local.get $shares
    localSet($share), //                             local.set $share
    localGet($n), //                                 local.get $n
    localSet($j), //                                 local.set $j
    [LOOP, EMPTY_BLOCK], //                          loop $columns
    localGet($share), //                               local.get $share
    memoryAccess(V128_LOAD64_SPLAT, 0), //             v128.load64_splat
    localSet($sj), //                                  local.set $sj
    localGet($s0), //                                  local.get $s0
    localGet($sj), //                                  local.get $sj
    localGet($cell), //                                local.get $cell
    memoryAccess(V128_LOAD, 0), //                     v128.load align=8
    F64X2_MUL, //                                      f64x2.mul
    F64X2_ADD, //                                      f64x2.add
    localSet($s0), //                                  local.set $s0
    localGet($s1), //                                  local.get $s1
    localGet($sj), //                                  local.get $sj
    localGet($cell), //                                local.get $cell
    memoryAccess(V128_LOAD, 16), //                    v128.load offset=16 align=8
    F64X2_MUL, //                                      f64x2.mul
    F64X2_ADD, //                                      f64x2.add
    localSet($s1), //                                  local.set $s1
    localGet($s2), //                                  local.get $s2
    localGet($sj), //                                  local.get $sj
    localGet($cell), //                                local.get $cell
    memoryAccess(V128_LOAD, 32), //                    v128.load offset=32 align=8
    F64X2_MUL, //                                      f64x2.mul
    F64X2_ADD, //                                      f64x2.add
    localSet($s2), //                                  local.set $s2
    localGet($s3), //                                  local.get $s3
    localGet($sj), //                                  local.get $sj
    localGet($cell), //                                local.get $cell
    memoryAccess(V128_LOAD, 48), //                    v128.load offset=48 align=8
    F64X2_MUL, //                                      f64x2.mul
    F64X2_ADD, //                                      f64x2.add
    localSet($s3), //                                  local.set $s3
    localGet($cell), //                                local.get $cell
    localGet($row), //                                 local.get $row
    I32_ADD, //                                        i32.add
    localSet($cell), //                                local.set $cell
    localGet($share), //                               local.get $share
    i32Const(8), //                                    i32.const 8
    I32_ADD, //                                        i32.add
    localSet($share), //                               local.set $share
    localGet($j), //                                   local.get $j
    i32Const(1), //                                    i32.const 1
    I32_SUB, //                                        i32.sub
    localTee($j), //                                   local.tee $j
    brIf(INNERMOST), //                                br_if $columns
    END, //                                          end
    localGet($shares), //                            local.get $shares
    localGet($row), //                               local.get $row
    I32_ADD, //                                      i32.add
    localGet($i), //                                 local.get $i
    i32Const(3), //                                  i32.const 3
    I32_SHL, //                                      i32.shl
    I32_ADD, //                                      i32.add
    localSet($cell), //                              local.set $cell
    localGet($cell), //                              local.get $cell
    localGet($s0), //                                local.get $s0
    memoryAccess(V128_STORE, 0), //                  v128.store align=8
    localGet($cell), //                              local.get $cell
    localGet($s1), //                                local.get $s1
    memoryAccess(V128_STORE, 16), //                 v128.store offset=16 align=8
    localGet($cell), //                              local.get $cell
    localGet($s2), //                                local.get $s2
    memoryAccess(V128_STORE, 32), //                 v128.store offset=32 align=8
    localGet($cell), //                              local.get $cell
    localGet($s3), //                                local.get $s3
    memoryAccess(V128_STORE, 48), //                 v128.store offset=48 align=8
    localGet($i), //                                 local.get $i
    i32Const(8), //                                  i32.const 8
    I32_ADD, //                                      i32.add
    localSet($i), //                                 local.set $i
    br(INNERMOST), //                                br $blocks
    END, //                                        end
    END, //                                      end
    END, //                                      end (of $r)
  ];
  return code.flat();
}

/** The dense-round module's bytes, built on each call (summarise.ts calls it once, at the first large dense graph). */
export function encodeDenseRoundWasm(): Uint8Array<ArrayBuffer> {
  // (type $round (func (param i32 f64))): no results.
  const types = encodeVector([[FUNC_TYPE, ...encodeVector([[I32], [F64]]), ...encodeVector([])]]);
  // Function 0 ($r) has type 0 ($round).
  const functions = encodeVector([encodeUnsigned(0)]);
  // (memory $m 1): one 64 KiB page, no maximum (summarise.ts grows it for larger graphs).
  const memories = encodeVector([[LIMITS_MIN_ONLY, ...encodeUnsigned(1)]]);
  const exports = encodeVector([
    [...encodeName('m'), EXPORT_MEMORY, ...encodeUnsigned(0)], // (export "m" (memory $m))
    [...encodeName('r'), EXPORT_FUNC, ...encodeUnsigned(0)], // (export "r" (func $r))
  ]);
  const locals = encodeVector([
    [...encodeUnsigned(6), I32], // $i $j $cell $share $row $shares
    [...encodeUnsigned(5), V128], // $s0 $s1 $s2 $s3 $sj
  ]);
  const body = [...locals, ...encodeRoundBody()];
  const code = encodeVector([[...encodeUnsigned(body.length), ...body]]);
  return Uint8Array.of(
    ...[0x00, 0x61, 0x73, 0x6d], // magic: "\0asm"
    ...[0x01, 0x00, 0x00, 0x00], // version 1
    ...encodeSection(TYPE_SECTION, types),
    ...encodeSection(FUNCTION_SECTION, functions),
    ...encodeSection(MEMORY_SECTION, memories),
    ...encodeSection(EXPORT_SECTION, exports),
    ...encodeSection(CODE_SECTION, code),
  );
}
