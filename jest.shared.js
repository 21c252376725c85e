// Shared by the jest configs: the TypeScript path aliases, and the transform. ES-module-only
// packages (NestJS 12, uuid) are require()d natively: the test scripts run jest on the pinned
// Node.js LTS with --experimental-vm-modules, which jest needs for require(esm).
module.exports = {
  moduleNameMapper: {
    '^@ledger/(domain|config|contracts|kafka|mongo|logging|testing)$': '<rootDir>/libs/$1/src',
    '^@ledger/(domain|config|contracts|kafka|mongo|logging|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
};
