/** Sent in the unsigned `user-agent` header; kept equal to package.json by a unit test. */
export const SDK_VERSION = '0.1.0';
