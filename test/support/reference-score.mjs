// A verbatim copy of ../shared/eval/score.mjs, the reference scorer, so tests can check `hoiphuong eval` against it
// without reaching outside the repository (test/cli/eval.int.test.ts checks the copy is still identical when present).
// Scores a chatbot's answers against a QA set.
// usage: node score.mjs QA.jsonl ANSWERS.jsonl [--max-chars 600] [--json]
//        [--min-answerable 0.85] [--min-refusal 0.8]   (exit 1 when below)
// ANSWERS.jsonl: one JSON object per question, same order as QA.jsonl, shaped
// {question, answered, answer, citations:[{id,...}]}.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const maxChars = Number(flag("--max-chars", "600"));
const minAnswerable = Number(flag("--min-answerable", "0"));
const minRefusal = Number(flag("--min-refusal", "0"));
const asJson = args.includes("--json");
const [qaPath, ansPath] = args.filter((a) => !a.startsWith("--"));

const readJsonl = (p) =>
  readFileSync(p, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

// Compare text the way a reader would: NFC, case-folded, digit-group separators dropped.
const norm = (s) =>
  String(s ?? "").normalize("NFC").toLowerCase()
    .replace(/(\d)[.,\u00a0 ](?=\d)/g, "$1")
    .replace(/\s+/g, " ");

const qa = readJsonl(qaPath);
const answers = readJsonl(ansPath);
if (answers.length !== qa.length) {
  console.error(`answers: ${answers.length} lines, questions: ${qa.length}`);
  process.exit(2);
}

const rows = qa.map((q, i) => {
  const a = answers[i] ?? {};
  const text = String(a.answer ?? "");
  const cited = (a.citations ?? []).map((c) => c.id ?? c.source ?? c);
  const ambiguous = q.kind === "ambiguous";
  const answerable = q.kind !== "unanswerable" && !ambiguous;
  let ok, why = "";
  if (ambiguous) {
    // a place name several wards share, with no city: the bot should ask which one, not guess
    ok = a.answered === false;
    if (!ok) why = "answered for one of several same-named places instead of asking which";
  } else if (!answerable) {
    ok = a.answered === false;
    if (!ok) why = "answered an unanswerable question";
  } else if (a.answered !== true) {
    ok = false; why = "refused";
  } else {
    const missing = q.answer_contains.filter((s) => !norm(text).includes(norm(s)));
    const rightSource = cited.some((c) => q.sources.includes(c));
    const short = [...text].length <= maxChars;
    ok = missing.length === 0 && rightSource && short;
    if (missing.length) why += `missing ${JSON.stringify(missing)} `;
    if (!rightSource) why += `cited ${JSON.stringify(cited.slice(0, 3))} `;
    if (!short) why += `answer ${[...text].length} chars `;
  }
  return { id: q.id, kind: q.kind, variant: q.variant, answerable, ambiguous, ok, why: why.trim(),
           answered: a.answered === true, firstCitationRight: answerable && q.sources.includes(cited[0]) };
});

const frac = (xs, pred) => (xs.length ? xs.filter(pred).length / xs.length : NaN);
const ans = rows.filter((r) => r.answerable);
const un = rows.filter((r) => !r.answerable && !r.ambiguous);
const amb = rows.filter((r) => r.ambiguous);
const byKind = {};
for (const r of rows) (byKind[r.kind] ??= []).push(r);
const byVariant = {};
for (const r of ans) (byVariant[r.variant] ??= []).push(r);
const summary = {
  questions: rows.length,
  answerable_accuracy: frac(ans, (r) => r.ok),
  false_refusal_rate: frac(ans, (r) => !r.answered),
  first_citation_right: frac(ans.filter((r) => r.answered), (r) => r.firstCitationRight),
  unanswerable_refusal_rate: frac(un, (r) => r.ok),
  ambiguous_asked_back: frac(amb, (r) => r.ok),
  overall: frac(rows, (r) => r.ok),
  by_kind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, `${v.filter((r) => r.ok).length}/${v.length}`])),
  by_variant: Object.fromEntries(Object.entries(byVariant).map(([k, v]) => [k, `${v.filter((r) => r.ok).length}/${v.length}`])),
};
if (asJson) {
  console.log(JSON.stringify({ summary, failures: rows.filter((r) => !r.ok) }, null, 1));
} else {
  for (const r of rows.filter((r) => !r.ok)) console.log(`FAIL ${r.id} [${r.kind}/${r.variant}] ${r.why}`);
  console.log(JSON.stringify(summary.by_variant));
  console.log(JSON.stringify(summary.by_kind));
  const pct = (x) => (Number.isNaN(x) ? "n/a" : (100 * x).toFixed(1) + "%");
  console.log(`overall ${pct(summary.overall)} · answerable ${pct(summary.answerable_accuracy)} · false refusals ${pct(summary.false_refusal_rate)} · first citation right ${pct(summary.first_citation_right)} · unanswerable refused ${pct(summary.unanswerable_refusal_rate)}${amb.length ? ` · ambiguous asked back ${pct(summary.ambiguous_asked_back)}` : ""}`);
}
if (!(summary.answerable_accuracy >= minAnswerable) || !(Number.isNaN(summary.unanswerable_refusal_rate) || summary.unanswerable_refusal_rate >= minRefusal)) process.exit(1);
