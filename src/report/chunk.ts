/**
 * Characters per chunk of a report file. Large enough for few writes; small enough that each chunk is an
 * ordinary young-generation string. Strings over ~128 KB go straight to V8's large-object space, where a
 * million-row audit's 1 MB chunks piled up as garbage until a full collection: 40–80 MB of peak memory.
 */
export const CHUNK = 1 << 16;
