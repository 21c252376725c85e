// Shared by the jest configs: the TypeScript path aliases, and the transform. ESM-only packages
// deep in the dependency tree (content-disposition, under @fastify/static) are compiled to
// CommonJS, since jest on Node 20 cannot require() an ES module.
const ESM_ONLY_PACKAGES = ['content-disposition'];

module.exports = {
  moduleNameMapper: {
    '^@ledger/(domain|config|contracts|kafka|mongo)$': '<rootDir>/libs/$1/src',
    '^@ledger/(domain|config|contracts|kafka|mongo)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
};
