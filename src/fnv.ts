/**
 * FNV-1a, the 32-bit hash the CSV tokenizer's interner and the note rules use: `h = Math.imul(h ^ byte,
 * FNV_PRIME)` from FNV_OFFSET. The offset as an int32 (| 0): 0x811c9dc5 itself is beyond V8's small integers
 * and made the hash a double in the loops (~35 ms of vague-note on a million notes); `^` makes it an int32 in
 * the first step anyway, so every hash is the same.
 */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
