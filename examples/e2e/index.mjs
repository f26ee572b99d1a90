// @amazon-pay-edge/example-e2e: the shared checkout walk and the harness the examples' tests use.
export * from './harness.mjs';
export * from './walk.mjs';
export * from './runtime-test.mjs';
