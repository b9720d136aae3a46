// One line during `npm install`, so a newcomer knows why it can take minutes. npm runs a project's own `preinstall`
// before fetching dependencies from npm 12 on; older npm (7–11) runs it after, where the line still explains the wait.
console.log(
  'Hỏi Phường: npm install compiles the native modules better-sqlite3 and hnswlib-node from source when no prebuilt binary fits this machine — a few minutes on 2 cores (npm install --foreground-scripts shows the compiler at work).',
);
