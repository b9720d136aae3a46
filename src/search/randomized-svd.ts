/** A sparse matrix in compressed rows: row r's entries are `columns/values[rowStarts[r] .. rowStarts[r + 1])`. */
export interface SparseRows {
  rows: number;
  columns: number;
  rowStarts: Uint32Array;
  columnIndices: Uint32Array;
  values: Float32Array;
}

/** The leading singular triplets of a matrix: `left` is rows × rank, row-major; `values` largest first. */
export interface TruncatedSvd {
  rank: number;
  values: Float64Array;
  left: Float64Array;
}

/** Options of `randomizedSvd`. */
export interface RandomizedSvdOptions {
  rank: number;
  /** Extra random directions beyond `rank`, which make the leading ones accurate (Halko et al. suggest 5–10). */
  oversampling?: number;
  /** Passes of `A Aᵀ` over the sketch; each sharpens the gap between kept and dropped directions. */
  powerIterations?: number;
  seed: number;
}

/** mulberry32: a small seeded generator, so the same corpus always yields the same vectors. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `out (rows × width) = A · dense (columns × width)`, both dense matrices row-major. */
function multiply(matrix: SparseRows, dense: Float64Array, width: number): Float64Array {
  const out = new Float64Array(matrix.rows * width);
  const { rowStarts, columnIndices, values } = matrix;
  for (let row = 0; row < matrix.rows; row += 1) {
    const target = row * width;
    for (let entry = rowStarts[row]!; entry < rowStarts[row + 1]!; entry += 1) {
      const source = columnIndices[entry]! * width;
      const value = values[entry]!;
      for (let index = 0; index < width; index += 1) out[target + index]! += value * dense[source + index]!;
    }
  }
  return out;
}

/** `out (columns × width) = Aᵀ · dense (rows × width)`. */
function multiplyTransposed(matrix: SparseRows, dense: Float64Array, width: number): Float64Array {
  const out = new Float64Array(matrix.columns * width);
  const { rowStarts, columnIndices, values } = matrix;
  for (let row = 0; row < matrix.rows; row += 1) {
    const source = row * width;
    for (let entry = rowStarts[row]!; entry < rowStarts[row + 1]!; entry += 1) {
      const target = columnIndices[entry]! * width;
      const value = values[entry]!;
      for (let index = 0; index < width; index += 1) out[target + index]! += value * dense[source + index]!;
    }
  }
  return out;
}

/**
 * Makes the columns of a row-major `rows × width` matrix orthonormal in place (modified Gram–Schmidt, twice for
 * stability); a column that vanishes (rank deficiency) is left at zero. Works on a column-major copy, so each column
 * is contiguous.
 */
function orthonormalize(matrix: Float64Array, rows: number, width: number): void {
  const columns = new Float64Array(rows * width);
  for (let row = 0; row < rows; row += 1) for (let column = 0; column < width; column += 1) columns[column * rows + row] = matrix[row * width + column]!;
  for (let pass = 0; pass < 2; pass += 1) {
    for (let column = 0; column < width; column += 1) {
      const base = column * rows;
      for (let previous = 0; previous < column; previous += 1) {
        const other = previous * rows;
        let dot = 0;
        for (let row = 0; row < rows; row += 1) dot += columns[base + row]! * columns[other + row]!;
        if (dot !== 0) for (let row = 0; row < rows; row += 1) columns[base + row]! -= dot * columns[other + row]!;
      }
      let norm = 0;
      for (let row = 0; row < rows; row += 1) norm += columns[base + row]! ** 2;
      const scale = norm > 1e-20 ? 1 / Math.sqrt(norm) : 0;
      for (let row = 0; row < rows; row += 1) columns[base + row]! *= scale;
    }
  }
  for (let row = 0; row < rows; row += 1) for (let column = 0; column < width; column += 1) matrix[row * width + column] = columns[column * rows + row]!;
}

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix (cyclic Jacobi rotations): `vectors` is size × size with
 * eigenvector i in column i, sorted by eigenvalue, largest first.
 */
export function symmetricEigen(input: Float64Array, size: number): { values: Float64Array; vectors: Float64Array } {
  const matrix = Float64Array.from(input);
  const vectors = new Float64Array(size * size);
  for (let index = 0; index < size; index += 1) vectors[index * size + index] = 1;
  let total = 0;
  for (let index = 0; index < size * size; index += 1) total += matrix[index]! ** 2;
  // Converged when what is left off the diagonal is rounding noise relative to the whole matrix.
  for (let sweep = 0; sweep < 60; sweep += 1) {
    let off = 0;
    for (let row = 0; row < size; row += 1) for (let column = row + 1; column < size; column += 1) off += matrix[row * size + column]! ** 2;
    if (off <= 1e-26 * total) break;
    for (let p = 0; p < size; p += 1) {
      for (let q = p + 1; q < size; q += 1) {
        const apq = matrix[p * size + q]!;
        if (Math.abs(apq) <= 1e-18 * Math.sqrt(Math.abs(matrix[p * size + p]! * matrix[q * size + q]!))) continue;
        const theta = (matrix[q * size + q]! - matrix[p * size + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k += 1) {
          const akp = matrix[k * size + p]!;
          const akq = matrix[k * size + q]!;
          matrix[k * size + p] = c * akp - s * akq;
          matrix[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k += 1) {
          const apk = matrix[p * size + k]!;
          const aqk = matrix[q * size + k]!;
          matrix[p * size + k] = c * apk - s * aqk;
          matrix[q * size + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < size; k += 1) {
          const vkp = vectors[k * size + p]!;
          const vkq = vectors[k * size + q]!;
          vectors[k * size + p] = c * vkp - s * vkq;
          vectors[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: size }, (_, index) => index).sort((left, right) => matrix[right * size + right]! - matrix[left * size + left]! || left - right);
  const values = new Float64Array(size);
  const sorted = new Float64Array(size * size);
  order.forEach((from, to) => {
    values[to] = matrix[from * size + from]!;
    for (let k = 0; k < size; k += 1) sorted[k * size + to] = vectors[k * size + from]!;
  });
  return { values, vectors: sorted };
}

/**
 * The leading `rank` singular values and left singular vectors of a sparse matrix by randomized range finding
 * (Halko, Martinsson & Tropp 2011): a seeded Gaussian sketch `A Ω`, a few power iterations, then the exact SVD of the
 * small projected matrix. Plain typed arrays, no native code; cost is a few passes over the non-zeros × (rank + oversampling).
 */
export function randomizedSvd(matrix: SparseRows, options: RandomizedSvdOptions): TruncatedSvd {
  const rank = Math.max(1, Math.min(options.rank, matrix.rows, matrix.columns));
  const width = Math.min(rank + (options.oversampling ?? 8), matrix.rows, matrix.columns);
  const random = seededUniform(options.seed);
  const gaussian = (): number => {
    // Box–Muller; 1 − u keeps the logarithm finite.
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const omega = new Float64Array(matrix.columns * width);
  for (let index = 0; index < omega.length; index += 1) omega[index] = gaussian();
  let sketch = multiply(matrix, omega, width);
  orthonormalize(sketch, matrix.rows, width);
  for (let iteration = 0; iteration < (options.powerIterations ?? 2); iteration += 1) {
    const back = multiplyTransposed(matrix, sketch, width);
    orthonormalize(back, matrix.columns, width);
    sketch = multiply(matrix, back, width);
    orthonormalize(sketch, matrix.rows, width);
  }
  // B = Qᵀ A (width × columns), kept as its transpose Aᵀ Q; then B Bᵀ = Ũ Σ² Ũᵀ and U = Q Ũ.
  const projected = multiplyTransposed(matrix, sketch, width);
  const gram = new Float64Array(width * width);
  for (let column = 0; column < matrix.columns; column += 1) {
    const base = column * width;
    for (let left = 0; left < width; left += 1) {
      const value = projected[base + left]!;
      if (value === 0) continue;
      for (let right = left; right < width; right += 1) gram[left * width + right]! += value * projected[base + right]!;
    }
  }
  for (let left = 0; left < width; left += 1) for (let right = 0; right < left; right += 1) gram[left * width + right] = gram[right * width + left]!;
  const eigen = symmetricEigen(gram, width);
  const values = new Float64Array(rank);
  for (let index = 0; index < rank; index += 1) values[index] = Math.sqrt(Math.max(0, eigen.values[index]!));
  const left = new Float64Array(matrix.rows * rank);
  for (let row = 0; row < matrix.rows; row += 1) {
    for (let component = 0; component < rank; component += 1) {
      let sum = 0;
      for (let index = 0; index < width; index += 1) sum += sketch[row * width + index]! * eigen.vectors[index * width + component]!;
      left[row * rank + component] = sum;
    }
  }
  return { rank, values, left };
}
