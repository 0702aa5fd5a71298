# One image for every Tenure process (worker, API, Workplace emulator, schedules); the compose file
# picks the command. Node 24 LTS, the same release as `.ci/run`'s second test run; runtime
# dependencies only (tsx, the SMTP sink's and the installers' packages are dev dependencies).
# Build: docker build -t tenure .
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts
# The workers' workflow bundle, made once here (WORKER_WORKFLOW_BUNDLE): no webpack at start-up.
RUN node dist/scripts/bundle-workflows.js dist/workflow-bundle.js

FROM node:24.22.3-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
ENV WORKER_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The HR-feed mappings the API serves by name (POST /v1/imports?mapping=workday|bamboohr).
COPY --from=build /app/examples ./dist/examples
# The emulator keeps its users here (a named volume in docker-compose inherits this ownership).
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "dist/api/server.js"]
