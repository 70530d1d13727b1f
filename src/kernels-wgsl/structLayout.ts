// TypeScript mirrors of WGSL structs made of 4-byte scalars (TypeGPU-style, style.md rule 6):
// field order, byte offsets and size follow the WGSL layout rules, and `encode` writes the
// exact bytes the shader reads. test/kernels/layout.test.ts pins each mirror byte for byte.

export type WgslScalar = 'u32' | 'i32' | 'f32';

export interface StructField<K extends string = string> {
  name: K;
  type: WgslScalar;
  offset: number;
}

/** A WGSL struct of scalars: every field is 4-byte aligned, so offsets are 4·index. */
export class StructLayout<K extends string> {
  readonly fields: readonly StructField<K>[];
  /** Byte size of one struct (WGSL SizeOf: the last offset + 4, rounded to the 4-byte alignment). */
  readonly size: number;
  /** Bytes per element of array<Struct> in storage (the size; the alignment is 4). */
  readonly stride: number;
  /** Bytes to allocate for a uniform binding of this struct (uniform buffers round to 16). */
  readonly uniformSize: number;

  constructor(
    readonly name: string,
    fields: readonly (readonly [K, WgslScalar])[],
  ) {
    this.fields = fields.map(([n, type], i) => ({ name: n, type, offset: 4 * i }));
    this.size = 4 * fields.length;
    this.stride = this.size;
    this.uniformSize = Math.ceil(this.size / 16) * 16;
  }

  /** Index of a field in 4-byte words (for reading flat Float32Array/Uint32Array views). */
  wordIndex(name: K): number {
    const i = this.fields.findIndex((f) => f.name === name);
    if (i < 0) throw new Error(`${this.name} has no field ${name}`);
    return i;
  }

  /** Encode one struct, little-endian, into `view` at `byteOffset`. */
  write(values: Record<K, number>, view: DataView, byteOffset = 0): void {
    for (const f of this.fields) {
      const v = values[f.name];
      if (v === undefined || Number.isNaN(v)) throw new Error(`${this.name}.${f.name}: missing or NaN value`);
      const at = byteOffset + f.offset;
      if (f.type === 'f32') view.setFloat32(at, v, true);
      else if (f.type === 'u32') view.setUint32(at, v >>> 0, true);
      else view.setInt32(at, v | 0, true);
    }
  }

  /** A fresh buffer of `uniformSize` bytes holding `values`. */
  encode(values: Record<K, number>): ArrayBuffer {
    const buf = new ArrayBuffer(this.uniformSize);
    this.write(values, new DataView(buf));
    return buf;
  }

  /** Decode one struct from `view` at `byteOffset`. */
  read(view: DataView, byteOffset = 0): Record<K, number> {
    const out = {} as Record<K, number>;
    for (const f of this.fields) {
      const at = byteOffset + f.offset;
      out[f.name] = f.type === 'f32' ? view.getFloat32(at, true) : f.type === 'u32' ? view.getUint32(at, true) : view.getInt32(at, true);
    }
    return out;
  }
}
