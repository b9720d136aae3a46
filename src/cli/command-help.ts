/** The `--help` text of each subcommand: usage, options and one example. Kept apart so help loads no command's dependencies. */
export const COMMAND_HELP = {
  serve: `Usage: hoiphuong serve [--port N] [--data DIR] [--index DIR]

Brings the index up to date, then serves the web chat (/), the widget (/widget.js), the staff console (/admin),
POST /api/ask, POST /api/feedback, GET /api/facts, /api/places, /api/suggestions and GET /healthz, and starts Discord
and Zalo when they are configured. Stop with Ctrl+C.

Options:
  --port N       port to listen on (default: PORT, else 3000; 0 picks a free one)
  --data DIR     articles folder (default: DATA_DIR, else data/articles)
  --index DIR    index folder (default: INDEX_DIR, else data/index)
  -h, --help     show this help

Example:
  hoiphuong serve --port 8080`,
  ask: `Usage: hoiphuong ask [--json] [--place PLACE] [--conversation ID] [--data DIR] [--index DIR] ["question"]

Answers a question from the articles, with numbered sources. With no question, reads one question per line from stdin
(a line {"conversation": "c01", "question": "…"} continues dialogue c01 of that run).

Options:
  --json             one JSON object per question (the same contract as POST /api/ask)
  --place PLACE      place to assume when a question names none (default: DEFAULT_PLACE)
  --conversation ID  continue conversation ID, kept in the database between runs
  --data DIR     articles folder (default: DATA_DIR, else data/articles)
  --index DIR    index folder (default: INDEX_DIR, else data/index)
  -h, --help     show this help

Example:
  hoiphuong ask "Bí thư phường An Hải là ai?"`,
  eval: `Usage: hoiphuong eval QA.jsonl [--json] [--answers FILE] [--data DIR] [--index DIR]

Asks every question of a JSON-lines QA file ({"question", "answer_contains", "sources", "kind", "variant"} per line)
and prints the reference scorer's figures (overall, per kind, per variant), then the failures.

Options:
  --json         the summary and the failures as JSON
  --answers FILE also write the answers as \`ask --json\` lines, for the reference scorer
  --data DIR     articles folder (default: DATA_DIR, else data/articles)
  --index DIR    index folder (default: INDEX_DIR, else data/index)
  -h, --help     show this help

Example:
  hoiphuong eval data/qa-sample.jsonl`,
  facts: `Usage: hoiphuong facts [PLACE] [--json] [--history] [--data DIR] [--index DIR]

Brings the index up to date, then prints the fact sheet of a ward or commune (of every one without PLACE): who holds
each office now, as of the newest article that says so, and the key figures newest first, each with the sentence and
article it came from. Offices of the province or city are never listed as the ward's.

Options:
  --json         one JSON object {places: [{place, offices, figures, …}]}
  --history      also earlier office holders and figures
  --data DIR     articles folder (default: DATA_DIR, else data/articles)
  --index DIR    index folder (default: INDEX_DIR, else data/index)
  -h, --help     show this help

Example:
  hoiphuong facts "phường An Hải, TP Hải Phòng" --history`,
  ingest: `Usage: hoiphuong ingest [--data DIR] [--index DIR]

Builds or updates the search index from the articles folder (.md, .txt, .html); only changed files are re-read.

Options:
  --data DIR     articles folder (default: DATA_DIR, else data/articles)
  --index DIR    index folder (default: INDEX_DIR, else data/index)
  -h, --help     show this help

Example:
  hoiphuong ingest --data data/articles`,
  pins: `Usage:
  hoiphuong pins list [--json]
  hoiphuong pins add --question "…" --answer "…" [--alt "…"]... [--source ARTICLE_ID_OR_URL]... [--by NAME] [--review-by YYYY-MM-DD]
  hoiphuong pins remove ID_OR_QUESTION
  hoiphuong pins export [FILE]          (JSON lines; stdout without FILE)
  hoiphuong pins import FILE            (JSON lines; - reads stdin)

Moderators' pinned answers: served before any search, on every channel, to questions similar to the pinned one.

Options of add:
  --question TEXT        the question to pin (required)
  --answer TEXT          the answer to give (required)
  --alt TEXT             another phrasing of the question (repeatable)
  --source ID_OR_URL     an article the answer comes from (repeatable)
  --by NAME              who pinned it (default: Ban quản trị)
  --review-by DATE       YYYY-MM-DD, today or later; the report lists the pin once the date has passed
  -h, --help             show this help

Example:
  hoiphuong pins add --question "Giờ tiếp dân?" --answer "Sáng thứ Năm hằng tuần." --review-by 2026-06-30`,
  admin: `Usage:
  hoiphuong admin add NAME [--password-stdin]   add a console account (or set its password); asks for the password
  hoiphuong admin list                          the console's accounts
  hoiphuong admin remove NAME                   remove an account (its sessions end)
  hoiphuong admin hash [--password-stdin]       print a scrypt hash to put in ADMIN_PASSWORD instead of the password

Accounts of the staff console at /admin. Passwords (at least 10 characters) are stored only as scrypt hashes in the
database (DATABASE_PATH); every change is written to the console's audit log.

Options:
  --password-stdin  read the password from the first line of stdin instead of asking (for scripts)
  -h, --help        show this help

Example:
  hoiphuong admin add lan`,
  report: `Usage: hoiphuong report [--json] [--limit N] [--since YYYY-MM-DD] [--lang vi|en]

The staff report: totals and answer rate, the most asked questions the articles could not answer (grouped by meaning),
the answers with the most 👎 and the pins past their review date. Times are in TZ (default Asia/Ho_Chi_Minh).

Options:
  --json         machine-readable report
  --limit N      rows per section (default 20)
  --since DATE   only questions and votes from this day on (YYYY-MM-DD, in TZ)
  --lang vi|en   language of the text report (default vi)
  -h, --help     show this help

Example:
  hoiphuong report --since 2025-09-01 --lang en`,
  sources: `Usage:
  hoiphuong sources add URL [--place "phường X, tỉnh Y"] [--every 6h]
  hoiphuong sources list [--json]
  hoiphuong sources remove URL_OR_ID

A source is a ward's RSS 2.0 or Atom feed, a sitemap (or sitemap index, or news sitemap), a listing page whose links
lead to articles on the same site, or one article. "hoiphuong sync" fetches them politely (robots.txt, one request
at a time per site) and saves each article as a .md file under the articles folder, in a folder named after the site.

Options:
  --place PLACE  the ward the source's articles are about (without it they are kept but flagged "no ward")
  --every TIME   how often the server syncs it: 30m, 6h, 1d (default 6h)
  --json         list as JSON
  -h, --help     show this help

Example:
  hoiphuong sources add https://anhai.danang.gov.vn/rss --place "phường An Hải, TP Đà Nẵng"`,
  sync: `Usage: hoiphuong sync [--dry-run] [--data DIR] [--index DIR]

Fetches every source now: new and changed articles are saved as .md files (a page that did not change leaves its file,
and any staff edit of it, alone), then the index is updated. A running server picks the new index up by itself.

Options:
  --dry-run      only list what would be fetched; nothing is written
  --data DIR     articles folder (default: DATA_DIR, else data/articles)
  --index DIR    index folder (default: INDEX_DIR, else data/index)
  -h, --help     show this help

Example:
  hoiphuong sync --dry-run`,
  discord: `Usage: hoiphuong discord register

  register   Register the slash commands (/hoi, /ghim, /bo-ghim, /nguon, /thongtin, /caidat, /themtin and the
             "Ghim câu trả lời" message menu): in DISCORD_GUILD_ID's server when it is set (instant),
             globally otherwise. Run it once after installing or upgrading, not on every start.

Options:
  -h, --help     show this help

Example:
  DISCORD_TOKEN=… DISCORD_APPLICATION_ID=… hoiphuong discord register`,
  zalo: `Usage: hoiphuong zalo tokens set [--access-token T --refresh-token R] [--expires-in SECONDS]
       hoiphuong zalo tokens show

  tokens set    Install a new Zalo OA token pair in the database (DATABASE_PATH) after re-authorising the OA, or
                when the single-use refresh token was spent by another copy or lapsed after 3 quiet months. With no
                token options, reads the access token and the refresh token as two lines from stdin (kept out of
                the shell history). A running server takes the pair up at its next reply Zalo refuses; no restart.
  tokens show   Whether a pair is stored and when its access token expires (tokens masked).

Options:
  --access-token T    the new access token
  --refresh-token R   the new refresh token
  --expires-in S      expires_in Zalo gave with the pair (default 90000, i.e. 25 h)
  -h, --help          show this help

Example:
  printf '%s\n%s\n' "$ACCESS" "$REFRESH" | hoiphuong zalo tokens set`,
} as const;

/** The name of a subcommand. */
export type CommandName = keyof typeof COMMAND_HELP;

/** The top-level help: every command with its options. */
export const MAIN_HELP = `Hỏi Phường — answers residents' questions from their ward's articles, with citations.

Usage: hoiphuong <command> [options]
       hoiphuong <command> --help     options and an example for one command

Commands:
  serve [--port N] [--data DIR] [--index DIR]
                                Start the HTTP API and web chat (and Discord/Zalo when configured)
  ask [--json] [--place PLACE] [--conversation ID] [--data DIR] [--index DIR] ["question"]
                                Answer a question; with no question, read one per line from stdin
  eval QA.jsonl [--json] [--answers FILE] [--data DIR] [--index DIR]
                                Score the bot on a QA file (same rules and figures as the reference scorer)
  facts [PLACE] [--json] [--history] [--data DIR] [--index DIR]
                                A ward's office holders and key figures, with dates and quotes
  ingest [--data DIR] [--index DIR]
                                Build or update the search index from the articles
  pins list [--json] | add --question … --answer … [--alt …] [--source …] [--by …] [--review-by DATE]
       | remove ID_OR_QUESTION | export [FILE] | import FILE|-
                                Manage moderators' pinned answers
  report [--json] [--limit N] [--since YYYY-MM-DD] [--lang vi|en]
                                Totals, unanswered questions, worst-rated answers, overdue pins
  sources add URL [--place PLACE] [--every 6h] | list [--json] | remove URL_OR_ID
                                The ward's feeds, sitemaps and pages the bot fetches articles from
  sync [--dry-run] [--data DIR] [--index DIR]
                                Fetch new and changed articles from every source now, then update the index
  discord register              Register the Discord slash commands
  zalo tokens set|show          Install a new Zalo OA token pair (repairs a broken chain), or show the stored one
  admin add NAME [--password-stdin] | list | remove NAME | hash
                                Accounts of the staff console at /admin

Options:
  -h, --help                    Show this help
  -V, --version                 Show the version

Settings come from the environment and .env (see .env.example and the README).`;
