# Build with the dev dependencies, run with the production ones only, as the unprivileged `node` user.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-slim
# MALLOC_ARENA_MAX=1: one malloc arena, as `npm start` (package.json) runs the app; part of its memory budget.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 MALLOC_ARENA_MAX=1
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The templates, the stylesheet and the report views are read from src/ beside the built code (src/shared/source-folder.ts).
COPY --from=build --chown=node:node /app/src ./src
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The memory budget of `npm start` (package.json): the old generation at most 256 MiB, the young one 8 MiB a half.
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=8", "dist/src/main.js"]
