# One image for both apps; docker-compose.yml picks the entry point.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY scripts scripts
COPY infra infra
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
USER node
CMD ["node", "dist/apps/ledger-api/src/main.js"]
