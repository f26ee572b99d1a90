// Types for test/ops.test.ts, which checks that src/ops.ts is what the generator writes.
/** The text of src/ops.ts for an operations.ts source, formatted with the repository's Prettier config. */
export function renderOps(source: string): Promise<string>;
/** The documented rows of the operation table types. */
export function operationDocs(source: string): { name: string; type: string; doc: string[] }[];
