/** The published vectors: one table, kept with core's unit tests and checked again in every runtime. */
export * from '../../packages/core/test/fixtures/vectors.js';
