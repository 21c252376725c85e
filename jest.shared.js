// The TypeScript path aliases of tsconfig.json, for jest.
module.exports = {
  moduleNameMapper: {
    '^@ledger/(domain|config|contracts|kafka|mongo)$': '<rootDir>/libs/$1/src',
    '^@ledger/(domain|config|contracts|kafka|mongo)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
};
