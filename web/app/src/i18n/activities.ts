// Messages of activities and attendance (checklist, printable sheet), French first. Each feature keeps its
// two languages side by side here; fr-CA.ts and en.ts merge them (a test checks both have the
// same keys, and the type checks that English has every French key).
export const fr = {
} as const;

export const en: Record<keyof typeof fr, string> = {
};
