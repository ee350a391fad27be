# The engine's image: one image, two roles (`npm run api`, `npm run worker`), chosen by the command.
# TypeScript runs through tsx (a runtime dependency), so there is no build stage to keep in step.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false

# Dependencies first: this layer is reused until package-lock.json changes.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit && npm cache clean --force

COPY . .

# The app never writes to /app; the unprivileged user only needs to read it.
USER node
EXPOSE 3000
CMD ["npm", "run", "api"]
