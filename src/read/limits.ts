/**
 * Resource limits for untrusted exports. The defaults are far above any real CCM export (Excel itself stops
 * at 1,048,576 rows and 32,767 characters a cell) and exist so a hostile or broken file fails fast with a
 * clear message instead of exhausting memory.
 */
export interface ReadLimits {
  /** Data rows per table. */
  maxRows: number;
  /** Characters in one cell. */
  maxCellChars: number;
  /** Total uncompressed size of a workbook's parts, in bytes. */
  maxUncompressedBytes: number;
  /** Uncompressed-to-compressed ratio above which a large zip entry is treated as a zip bomb. */
  maxCompressionRatio: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxRows: 5_000_000,
  maxCellChars: 32_767,
  maxUncompressedBytes: 2 * 1024 ** 3,
  maxCompressionRatio: 200,
};

/** Entries smaller than this are never called bombs: tiny XML parts compress extremely well. */
export const RATIO_CHECK_MIN_BYTES = 10 * 1024 ** 2;
