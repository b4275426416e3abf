# Rollbook: an LTI 1.3 tool for Moodle. Build: docker build -t rollbook .  Run with PostgreSQL: see compose.yaml.
# Without DATABASE_URL the container uses embedded PGlite in /app/data: mount a volume there to keep it.

# --- build: TypeScript to dist/ -------------------------------------------------------------------------------
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY moodle-ws-client/package.json moodle-ws-client/
RUN npm ci
COPY . .
RUN npm run build --workspaces --if-present && npm run build

# --- runtime: production dependencies, the compiled app and the files it reads at run time ---------------------
FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY moodle-ws-client/package.json moodle-ws-client/
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/moodle-ws-client ./moodle-ws-client
# Read from disk at run time (src/paths.ts): migrations, i18n catalogs, templates, static files, registration templates.
COPY --from=build /app/src/db/migrations ./src/db/migrations
COPY --from=build /app/src/i18n/lv ./src/i18n/lv
COPY --from=build /app/src/i18n/en ./src/i18n/en
COPY --from=build /app/views ./views
COPY --from=build /app/public ./public
COPY --from=build /app/lti-config ./lti-config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
