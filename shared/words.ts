// Counts in words: "1 VM", "3 VMs", "2 virtual switches".

/** `n` and the noun, singular for exactly one; `many` for nouns whose plural is not `one` + s. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
