# The engine's image: one image, two roles (`npm run api`, `npm run worker`), chosen by the command.
# TypeScript runs through tsx (a runtime dependency); the web app is built in a stage of its own,
# with the development dependencies Vite needs, and only its output is kept.
FROM node:20-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web ./web
RUN npm run web:build

FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    WEB_BUILD=never

# Dependencies first: this layer is reused until package-lock.json changes.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit && npm cache clean --force

COPY . .
COPY --from=web /app/web/dist ./web/dist

# The app never writes to /app; the unprivileged user only needs to read it.
USER node
EXPOSE 3000
CMD ["npm", "run", "api"]
