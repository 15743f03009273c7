// The version plugins check their coreRange against; kept in step with package.json by a test.
export const CORE_VERSION = '0.1.0';
