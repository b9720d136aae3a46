import cluster from 'node:cluster';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { createHttpServer } from '../channels/http/server.js';
import { startZaloBotPolling } from '../channels/zalo/bot-polling.js';
import { createZaloBotRoute } from '../channels/zalo/bot-webhook.js';
import { createZaloDomainVerificationRoute } from '../channels/zalo/domain-verification.js';
import { createZaloOaRoute } from '../channels/zalo/oa-webhook.js';
import type { HttpRoute } from '../channels/http/http-route.js';
import { toChatbotError } from '../core/errors.js';
import type { IngestSummary } from '../search/search-index.js';
import { startAnswerLogRetention } from '../store/answer-retention.js';
import { keepChannelRunning, type KeptChannel } from '../channels/keep-channel-running.js';
import { createSourceFetcher } from '../sources/source-fetcher.js';
import { singlePlaceOf } from '../sources/single-place.js';
import { startSyncSchedule } from '../sources/sync-schedule.js';
import { fetchArticleNow } from '../sources/sync-sources.js';
import { createFactsRoute } from '../channels/http/facts-route.js';
import { ChannelStatus } from '../channels/channel-status.js';
import { configuredSecrets } from '../config.js';
import { createLog } from '../monitoring/json-log.js';
import { Metrics } from '../monitoring/metrics.js';
import { createMetricsRoute } from '../monitoring/metrics-route.js';
import { observeAskService } from '../monitoring/observed-ask-service.js';
import { createAdminRoutes } from '../channels/http/admin/admin-routes.js';
import { createPlacesRoute, createSuggestionsRoute } from '../channels/http/places-route.js';
import { hashPassword } from '../admin/password-hash.js';
import { withoutFlagged } from '../facts/fact-key.js';
import { FactBook } from '../facts/fact-book.js';
import { loadArticles } from '../ingest/load-articles.js';
import { countOf } from './count-of.js';
import { setArticleAside } from './set-article-aside.js';
import { listen, parsePort } from './listen.js';
import { openServices } from './open-services.js';
import { answerThreadCount } from './answer-threads.js';
import { INDEX_PUBLISHED, startWorkerPool, workerCount, type WorkerPool } from './worker-pool.js';
import { openLeaderLock } from '../store/open-store.js';
import { runAsLeader } from './run-as-leader.js';
import { parseCommandArgs } from './parse-command-args.js';
import type { Command } from './command-context.js';

/** How often an HTTP worker looks at INDEX_DIR's CURRENT for a version published by another process: one small read. */
const FOLLOW_INTERVAL_MS = 2_000;

/** How long a stopping server lets the answers in flight finish before it cuts them off. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * `hoiphuong serve` (what `npm start` runs): brings the index up to date, serves the API and web chat, and starts the
 * channels that are configured, saying how to enable the others. With WORKERS above 1 this first process keeps the
 * work that must run once (ingest and index publishing, source syncs, Discord, the Zalo poller, answer log retention,
 * store migrations) and forks HTTP workers running this same command: each opens the published index, serves HTTP and
 * the webhooks, and switches to a new index version when told.
 */

/** How long `serve` waits for the fact sheets before it listens anyway. */
const FACTS_WAIT_MS = 2_000;
export const serveCommand: Command = async (args, context) => {
  if (!cluster.isWorker) return serve(args, context);
  try {
    return await serve(args, context);
  } finally {
    // The channel to the first process would keep a worker alive: closing it lets the worker end (stopped, or failed
    // to start), which the pool awaits.
    if (process.connected) process.disconnect();
  }
};

const serve: Command = async (args, context) => {
  const { values } = parseCommandArgs('serve', { args, options: { data: { type: 'string' }, index: { type: 'string' }, port: { type: 'string' } } });
  const config = context.config;
  const port = values.port !== undefined ? parsePort(values.port) : config.port;
  const workers = workerCount(config.workers);
  const role = cluster.isWorker ? 'worker' : workers > 1 ? 'primary' : 'single';
  // One structured log with secrets masked for everything the server logs; progress and the banner stay plain text.
  const log = createLog({ format: config.logFormat, output: context.stderr, secrets: configuredSecrets(config) });
  const metrics = new Metrics();
  const services = await openServices(config, {
    log,
    ...(values.data ? { dataDir: values.data } : {}),
    ...(values.index ? { indexDir: values.index } : {}),
    output: context.stderr,
    store: 'required',
    // Replicas sharing PostgreSQL answer from the version the leader published; one machine's processes share INDEX_DIR.
    ingest: role === 'worker' ? 'follow' : config.store.databaseUrl ? 'published' : 'background',
    // Answers use the same facts as the sheets, without those staff marked wrong in the console.
    facts: async () => visibleFacts(),
    // The first process of WORKERS serves no HTTP: its few channel answers stay on its event loop.
    answerThreads: { count: role === 'primary' ? 0 : answerThreadCount(config.answerThreads, workers) },
  });
  let pool: WorkerPool | undefined;
  const store = services.store;
  if (!store) throw new Error('The store is required to serve.');
  // Every channel asks through this: each answer is timed, counted and logged with its channel and answer id.
  const ask = observeAskService(services.ask, metrics, log);
  // One fetcher for the schedule and /themtin, so a site still gets one request at a time.
  const fetcher = createSourceFetcher(config);
  const articlesDir = values.data ?? config.dataDir;
  const placeOf = (text: string) => singlePlaceOf(services.gazetteer)(text);
  const addArticle = async (url: string, place: string | undefined) => {
    const outcome = await fetchArticleNow(url, place, { articlesDir, store: store.sources, fetcher, placeOf, log: services.log });
    if (outcome.kind === 'saved') await refreshAll();
    return outcome;
  };
  // A new index version and its facts come in together: kept with the version at ingest (so a replica without the
  // articles has them too), or read from the articles for a version built before facts were kept.
  let factBook = new FactBook([]);
  // Facts staff marked wrong in the console are left out of what the API serves.
  let shownFacts: FactBook | undefined;
  const loadFacts = async () => {
    const kept = services.index.articleExtracts?.();
    factBook = kept ? FactBook.fromExtracts(kept, (id) => services.index.article(id)) : FactBook.fromArticles((await loadArticles(articlesDir, { maxBytes: config.maxArticleBytes })).articles);
    shownFacts = undefined;
  };
  const articleFile = (id: string) => services.index.articleFile?.(id);
  // The keys of the facts staff marked wrong, read again when this console changes them and, with replicas, whenever
  // the index is checked (every FOLLOW_INTERVAL_MS), so a fact hidden on one replica or worker leaves every one's sheets.
  let flaggedKeys = new Set<string>();
  const readFlags = async () => {
    const keys = await store.factFlags.keys();
    if (keys.size !== flaggedKeys.size || [...keys].some((key) => !flaggedKeys.has(key))) {
      flaggedKeys = keys;
      shownFacts = undefined;
    }
  };
  await readFlags();
  const visibleFacts = () => (shownFacts ??= withoutFlagged(factBook, flaggedKeys));
  const refreshAll = async () => {
    const before = services.index;
    const summary = await services.refresh();
    // A check finds no new version most of the time: the facts are read again only with a new one.
    if (services.index === before) return summary;
    await loadFacts();
    pool?.broadcast(INDEX_PUBLISHED);
    return summary;
  };
  let following: NodeJS.Timeout | undefined;
  if (role !== 'worker' && config.store.databaseUrl) {
    // A follower installs what the leader published since; the leader publishes what `hoiphuong ingest` committed here.
    const takeUp = async () => {
      await readFlags();
      if (!(await services.takeUpNewer())) return;
      await loadFacts();
      pool?.broadcast(INDEX_PUBLISHED);
    };
    following = setInterval(
      () => void takeUp().catch((error: unknown) => services.log(`Could not take up the newest index version; still answering from the one before: ${toChatbotError(error).message}`)),
      FOLLOW_INTERVAL_MS,
    );
    following.unref();
  }
  if (role === 'worker') {
    const follow = () =>
      readFlags()
        .then(refreshAll)
        .catch((error: unknown) => services.log(`Could not open the new index; still answering from the previous one: ${toChatbotError(error).message}`));
    process.on('message', (message) => {
      if (message === INDEX_PUBLISHED) void follow();
    });
    // Also what another process (`hoiphuong ingest`, a replica that holds the index lock) published in INDEX_DIR.
    following = setInterval(() => void follow(), FOLLOW_INTERVAL_MS);
    following.unref();
  }
  let stopping = false;
  const reportIndex = (summary: IngestSummary) =>
    context.stdout.write(
      `Index: ${countOf(services.index.articles().length, 'article')}, ${countOf(summary.chunksEmbedded, 'chunk')} embedded this run (${summary.added} added, ${summary.changed} changed, ${summary.removed} removed).\n`,
    );
  if (role === 'worker') {
    // The first process reports the index; a worker only follows it.
  } else if (!services.indexReady) {
    context.stdout.write('Index: none published yet; questions get "not ready" until the replica that leads publishes one.\n');
  } else if (services.ingest) reportIndex(services.ingest);
  else {
    context.stdout.write(`Index: ${countOf(services.index.articles().length, 'article')}, answering from it while it is brought up to date in the background…\n`);
    services.ready.then((summary) => {
      reportIndex(summary);
      pool?.broadcast(INDEX_PUBLISHED);
    }, (error: unknown) => {
      if (!stopping) services.log(`The index update failed; still answering from the previous index: ${toChatbotError(error).message}`);
    });
  }
  const stopRetention = role === 'worker' ? async () => {} : startAnswerLogRetention(store.answers, { days: config.store.answerLogDays, log: services.log });

  // Replicas sharing PostgreSQL count each visitor's questions together; one process counts them in memory.
  const sharedLimit = (scope: string) => {
    const limit = store.sharedRateLimit?.(scope, config.rateLimitPerMinute);
    return limit ? { rateLimit: limit } : {};
  };
  const leaderLock = openLeaderLock(config, services.log);
  const zaloServices = { ask, feedback: store.feedback, userKeys: store.userKeys, tokens: store.tokens, seenEvents: store.seenEvents, factBook: async () => visibleFacts(), ...sharedLimit('zalo') };
  const channelOptions = { config, services: zaloServices, log: services.log };
  const zaloOaStatus = new ChannelStatus();
  const zaloBotStatus = new ChannelStatus(config.zaloBot.mode === 'polling' ? 'starting' : 'on');
  if (config.zaloOa.enabled) metrics.watchChannel('zalo-oa', zaloOaStatus);
  if (config.zaloBot.enabled) metrics.watchChannel('zalo-bot', zaloBotStatus);
  const routes: Array<HttpRoute & { idle(): Promise<void> }> = [];
  routes.push({ ...createMetricsRoute(metrics), idle: async () => {} });
  // Reading every article for the fact sheets takes ~0.5 ms an article (17 s at 36,000): the server listens after at
  // most FACTS_WAIT_MS and answers from passages until the sheets are read, rather than stay deaf meanwhile.
  const factsRead = loadFacts().catch((error: unknown) => services.log(`The fact sheets could not be read; answering from passages: ${toChatbotError(error).message}`));
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([factsRead, new Promise<void>((resolve) => (waited = setTimeout(resolve, FACTS_WAIT_MS)))]);
  clearTimeout(waited);
  const quiet = { idle: async () => {} };
  routes.push({ ...createFactsRoute(async () => visibleFacts()), ...quiet });
  routes.push({ ...createPlacesRoute(() => services.gazetteer.all().map((place) => place.label)), ...quiet });
  routes.push({ ...createSuggestionsRoute(visibleFacts), ...quiet });
  const adminPassword = config.admin.password;
  const builtInPasswordHash = adminPassword === undefined ? undefined : adminPassword.startsWith('scrypt$') ? adminPassword : await hashPassword(adminPassword);
  for (const route of createAdminRoutes({
    store,
    config,
    ...(builtInPasswordHash ? { builtInPasswordHash } : {}),
    articles: () => services.index.articles(),
    readArticle: async (id) => {
      const file = articleFile(id);
      if (!file) return undefined;
      const text = await readFile(join(articlesDir, file), 'utf8').catch(() => undefined);
      return text === undefined ? undefined : { file, text };
    },
    removeArticle: async (id) => {
      const file = articleFile(id);
      if (!file || !(await setArticleAside(articlesDir, file))) return false;
      await refreshAll();
      return true;
    },
    addArticle,
    facts: () => factBook,
    factsChanged: async () => {
      await readFlags();
    },
  })) {
    routes.push({ ...route, ...quiet });
  }
  if (config.zaloOa.enabled) routes.push(createZaloOaRoute({ ...channelOptions, status: zaloOaStatus }));
  if (config.zaloBot.enabled && config.zaloBot.mode === 'webhook') routes.push(createZaloBotRoute({ ...channelOptions, status: zaloBotStatus }));
  const verification = config.zaloOa.domainVerification;
  if (verification) routes.push({ ...createZaloDomainVerificationRoute(verification), idle: async () => {} });
  let discord: KeptChannel | undefined;
  const server = createHttpServer({
    ask,
    feedback: store.feedback,
    userKeys: store.userKeys,
    routes,
    maxQuestionLength: config.maxQuestionLength,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy,
    allowedOrigins: config.allowedOrigins,
    maxConcurrentAnswers: config.maxConcurrentAnswers,
    maxConnections: config.maxConnections,
    ...sharedLimit('http'),
    health: async () => ({
      articles: services.index.articles().length,
      // Which published version answers, and from which worker: every replica and worker should name the same one.
      ...(services.index.folder ? { indexVersion: basename(services.index.folder) } : {}),
      // Replicas sharing PostgreSQL: the published version every replica should name, and whether there is one yet.
      ...(store.kind === 'postgres' && role !== 'worker' ? { indexPublication: services.publication ?? null, indexReady: services.indexReady } : {}),
      ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}),
      embedder: services.embedder.name,
      answerThreads: services.answerThreads,
      store: store.kind,
      role: leaderLock.isLeader() ? 'leader' : 'follower',
      sources: (await store.sources.list()).map((source) => ({ url: source.url, lastSyncAt: source.lastSyncAt ?? null, articles: source.articleCount, noWard: source.noPlaceCount, error: source.lastError ?? null })),
      ...(discord ? { discord: discord.state() } : {}),
      ...(config.zaloOa.enabled ? { 'zalo-oa': zaloOaStatus.state() } : {}),
      ...(config.zaloBot.enabled ? { 'zalo-bot': zaloBotStatus.state() } : {}),
    }),
    log: services.log,
    onResponse: (method, route, status) => metrics.countRequest(method, route, status),
  });
  let address: AddressInfo;
  try {
    if (role === 'primary') {
      pool = startWorkerPool(workers, services.log);
      address = await pool.listening;
    } else {
      await listen(server, port, config.host);
      address = server.address() as AddressInfo;
    }
  } catch (error) {
    await pool?.stop();
    await Promise.all(routes.map((route) => route.idle()));
    await services.close();
    throw error;
  }
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port}`;

  // Sources are synced on their schedule by the replica that leads, and every replica refreshes its index (also with
  // what `hoiphuong ingest` or `sync` did in another process).
  const schedule = startSyncSchedule({
    store: store.sources,
    fetcher,
    articlesDir,
    intervalMinutes: role === 'worker' ? 0 : config.sync.intervalMinutes,
    refresh: async () => {
      const summary = await refreshAll();
      if (summary.added + summary.changed + summary.removed > 0) {
        services.log(`Index updated: ${countOf(services.index.articles().length, 'article')} (${summary.added} added, ${summary.changed} changed, ${summary.removed} removed).`);
      }
    },
    log: services.log,
    placeOf,
    fetchesSources: () => leaderLock.isLeader(),
  });
  const sourceCount = (await store.sources.list()).length;
  const consoleAccounts = role === 'worker' ? 0 : (await store.admin.accounts()).length;

  let gatewayReconnects = 0;
  const startDiscord = async (): Promise<KeptChannel> => {
    const { startDiscordBot } = await import('../channels/discord/bot.js');
    const { articlesAbout } = await import('../channels/discord/articles-about.js');
    return keepChannelRunning({
      name: 'discord',
      log: services.log,
      start: () =>
        startDiscordBot({
          config,
          log: services.log,
          onReconnect: () => (gatewayReconnects += 1),
          services: {
            ask,
            retriever: services.retriever,
            pins: store.pins,
            feedback: store.feedback,
            userKeys: store.userKeys,
            settings: store.settings,
            listArticles: (place) => articlesAbout(services.index.articles(), place),
            addArticle,
            factBook: async () => visibleFacts(),
            ...sharedLimit('discord'),
          },
        }),
    });
  };
  if (config.discord.enabled) {
    metrics.watchChannel('discord', { state: () => discord?.state() ?? 'on the replica that leads', reconnects: () => (discord?.reconnects() ?? 0) + gatewayReconnects });
  }
  // What must run once across replicas — the Discord gateway, the Zalo Bot poller, fetching sources — runs on the
  // replica holding the leader lock (always this one without DATABASE_URL), and moves when that one dies. It starts
  // only once HTTP listens: a server that cannot listen then ends the process (non-zero) for a supervisor to restart.
  // An HTTP worker never leads: its first process does what must run once.
  const leadership = role === 'worker' ? { started: Promise.resolve(), stop: async () => {} } : runAsLeader({
    lock: leaderLock,
    log: services.log,
    start: async () => {
      if (store.kind === 'postgres') {
        services.log('This replica now leads: it ingests and publishes the index, runs the Discord gateway, the Zalo Bot poller and scheduled source syncs.');
        services.lead(true);
        // Brings the index up to date with this replica's articles and publishes it, in the background.
        refreshAll().catch((error: unknown) => services.log(`The index update failed; still answering from the published version: ${toChatbotError(error).message}`));
      }
      const polling = new AbortController();
      const pollingDone =
        config.zaloBot.enabled && config.zaloBot.mode === 'polling'
          ? startZaloBotPolling({ ...channelOptions, status: zaloBotStatus, signal: polling.signal })
          : Promise.resolve();
      // Discord never holds HTTP up: a refused token or no route leaves web chat, the API and Zalo serving while it
      // retries in the background.
      if (config.discord.enabled) discord = await startDiscord();
      // Sources never synced are fetched as soon as this replica leads.
      if (config.sync.intervalMinutes > 0 && (await store.sources.list()).length > 0) {
        schedule.tick().catch((error: unknown) => services.log(`Sync failed: ${error instanceof Error ? error.message : String(error)}`));
      }
      return async () => {
        services.lead(false);
        polling.abort();
        const running = discord;
        discord = undefined;
        await running?.stop();
        await pollingDone;
      };
    },
  });
  // A single process leads at once; its channels are up before it says so.
  if (store.kind === 'sqlite') await leadership.started;

  const lines = [
    `Hỏi Phường is running at ${url}${role === 'primary' ? ` (${countOf(workers, 'HTTP worker')})` : ''}`,
    `  web chat      ${url}/   (widget: <script src="${url}/widget.js" data-place="phường X, tỉnh Y" async></script>)`,
    `  console       ${url}/admin${builtInPasswordHash || consoleAccounts > 0 ? '' : '   (no account yet: set ADMIN_PASSWORD or run `npx hoiphuong admin add NAME`)'}`,
    `  API           POST ${url}/api/ask  {"question": "…"}`,
    `  answers       ${config.openai.enabled ? `generated by ${config.openai.chatModel} (grounded, with offline fallback)` : 'offline, extractive (set OPENAI_API_KEY or OPENAI_BASE_URL for generated answers)'}`,
    `  role          ${store.kind === 'postgres' ? `${leaderLock.isLeader() ? 'leader' : 'follower'} (replicas share ${store.kind}; the leader runs the gateways and syncs)` : 'single process (SQLite)'}`,
    `  Discord       ${discord ? `${discord.state()} (run \`npx hoiphuong discord register\` once to add the slash commands)` : config.discord.enabled ? 'on the replica that leads' : 'off — set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env to enable'}`,
    `  Zalo OA       ${config.zaloOa.enabled ? `${zaloOaStatus.state()} (webhook ${url}${config.zaloOa.webhookPath})` : 'off — set ZALO_OA_APP_ID, ZALO_OA_SECRET_KEY and ZALO_OA_ACCESS_TOKEN to enable'}`,
    `  Zalo Bot      ${config.zaloBot.enabled ? `${zaloBotStatus.state()} (${config.zaloBot.mode})` : 'off — set ZALO_BOT_TOKEN (and ZALO_BOT_SECRET_TOKEN) to enable'}`,
    `  health        GET ${url}/healthz   metrics GET ${url}/metrics (Prometheus)`,
    `  sources       ${config.sync.intervalMinutes > 0 ? `${countOf(sourceCount, 'source')}, checked every ${config.sync.intervalMinutes} min` : 'scheduled sync off (SYNC_INTERVAL_MINUTES=0)'}${sourceCount === 0 ? ' — add one: npx hoiphuong sources add URL --place "…"' : ''}`,
    'Press Ctrl+C to stop.',
  ];
  if (role !== 'worker') context.stdout.write(`${lines.join('\n')}\n`);

  // Stopping takes new connections no more, lets the answers in flight finish (at most SHUTDOWN_GRACE_MS), then closes
  // the channels and the store: every answer a resident was given is logged and every acknowledged vote is on disk.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      if (stopping) return;
      stopping = true;
      if (role !== 'worker') context.stdout.write('Stopping: finishing the answers in progress…\n');
      if (pool) {
        void pool.stop().then(resolve);
        return;
      }
      void server
        .shutdown({
          graceMs: SHUTDOWN_GRACE_MS,
          onTimeout: (open) => services.log(`Stopped waiting after ${SHUTDOWN_GRACE_MS / 1000} s; ${open} requests were cut off.`),
        })
        .then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // A worker whose first process is gone stops too, rather than serving with nobody to publish the index.
    if (role === 'worker') process.once('disconnect', stop);
  });
  await stopped;
  clearInterval(following);
  await leadership.stop();
  await schedule.stop();
  await Promise.all(routes.map((route) => route.idle()));
  await stopRetention();
  await services.close();
  return 0;
};
