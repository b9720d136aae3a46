import { chatScript, chatStyles } from './chat-script.js';

/**
 * The web chat served at `/`: a header, the chat (`/chat.js` mounts it into `main`) and a footer. `?lang=en` shows it
 * in English; `?place=…` preselects a ward. Self-contained: nothing is loaded from elsewhere.
 */
export const chatPage = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hỏi Phường</title>
<link rel="stylesheet" href="/chat.css">
</head>
<body>
<header class="hp-page-header"><h1>Hỏi Phường</h1></header>
<main id="chat" aria-labelledby="hp-title"></main>
<footer class="hp-page-footer"><p>Câu trả lời trích từ bài viết của phường, xã; luôn kèm nguồn. / Answers quote the ward's own articles.</p></footer>
<script src="/chat.js"></script>
</body>
</html>
`;

/** The page's style sheet: the chat's own plus the page around it. */
export const chatPageStyles = `body { max-width: 46rem; margin: 0 auto; padding: 1rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
.hp-page-header h1 { font-size: 1.5rem; margin: 0.3rem 0; }
.hp-page-footer { color: #4b535d; font-size: 0.9rem; border-top: 1px solid #d0d7de; margin-top: 1.5rem; }
${chatStyles}`;

/** `/chat.js`: the chat code, mounted into the page's `main` with the language and ward from the address. */
export const chatPageScript = `${chatScript}
(function () {
  const parameters = new URLSearchParams(location.search);
  const language = parameters.get('lang') === 'en' ? 'en' : 'vi';
  if (language === 'en') document.documentElement.lang = 'en';
  mountChat(document.getElementById('chat'), { language, storageKey: 'hoiphuong-chat', preselect: parameters.get('place') || '', hideTitle: true });
})();
`;
