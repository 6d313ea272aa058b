# pocbot as a container: one replica, the SQLite database on a volume.
# Built with the same script as any release (scripts/release.sh): compile with the dev tools,
# keep the production dependencies only. Both stages use the same base image, because
# better-sqlite3 is a native module built for its OS and CPU.
#
#   docker build -t pocbot .
#   docker run -d --name pocbot -p 3000:3000 -v pocbot-data:/data --env-file .env pocbot

FROM node:20-bookworm-slim AS build
# Compilers for better-sqlite3, in case no prebuilt binary can be downloaded for this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY db ./db
COPY docs ./docs
COPY manifest.json manifest.socket-mode.json .env.example README.md ./
RUN bash scripts/release.sh /release

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_PATH=/data/pocbot.db
WORKDIR /app
COPY --from=build --chown=root:root /release ./
# The database lives on the volume, owned by the unprivileged user the app runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not npm): it receives SIGTERM itself and stops cleanly. With the young
# generation's starting size that `npm start` gives it (docs/deploy.md).
CMD ["node", "--min-semi-space-size=16", "dist/src/main.js", "start"]
