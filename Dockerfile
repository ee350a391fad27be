# The engine's image, on Node 24 LTS: one image, two roles chosen by the command (`main.ts api`,
# `main.ts worker`), run by node itself as PID 1 (no npm or shell in between), so SIGTERM reaches
# the program: the API finishes its requests and the worker drains. TypeScript runs through tsx (a
# runtime dependency). The web app and the workflow bundle are built in a stage with the
# development dependencies; only their output is kept.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run web:build \
 && node --import tsx scripts/bundle-workflows.ts dist/workflow-bundle.js

FROM node:24-slim

WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    WEB_BUILD=never \
    WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKER_PORT=3001

# Dependencies first: this layer is reused until package-lock.json changes.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit && npm cache clean --force

COPY . .
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/dist/workflow-bundle.js ./dist/workflow-bundle.js

# The app never writes to /app; the unprivileged user only needs to read it.
USER node
EXPOSE 3000 3001
# Alive when the role's own port answers: the API's (PORT) or the worker's (WORKER_PORT). Compose
# checks readiness (/readyz) per role on top of this. node:24-slim has no curl; node's fetch does.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const p=[process.env.PORT,process.env.WORKER_PORT];Promise.any(p.map((n)=>fetch(`http://127.0.0.1:${n}/healthz`).then((r)=>{if(!r.ok)throw r.status}))).then(()=>process.exit(0),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "main.ts", "api"]
