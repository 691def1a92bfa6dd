// A catalogue is split by area, so that work on one part of the product does not touch another's
// words; index.ts joins them. An area's Turkish and Spanish have exactly its English keys.
export type AreaCatalogue<English> = { readonly [K in keyof English]: string };
