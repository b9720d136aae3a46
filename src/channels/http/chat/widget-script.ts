import { chatScript, chatStyles } from './chat-script.js';

/** The widget's own look: the floating button and the panel, inside its shadow root. */
const WIDGET_STYLES = `${chatStyles}
  :host { all: initial; }
  .hp-launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; min-height: 48px; min-width: 48px; padding: 0.6rem 1rem; border-radius: 24px; border: 0; background: #0b5cd5; color: #fff; font: 600 16px system-ui, sans-serif; box-shadow: 0 2px 8px rgba(0,0,0,.3); cursor: pointer; }
  .hp-launcher:focus-visible { outline: 3px solid #bf8700; outline-offset: 2px; }
  .hp-panel { position: fixed; right: 16px; bottom: 76px; z-index: 2147483000; width: min(400px, calc(100vw - 32px)); max-height: min(640px, calc(100vh - 96px)); overflow: auto; background: #fff; border: 1px solid #d0d7de; border-radius: 12px; box-shadow: 0 8px 24px rgba(0,0,0,.25); padding: 0.8rem; box-sizing: border-box; }
  .hp-panel[hidden] { display: none; }
  .hp-close { float: right; }
`;

/**
 * `/widget.js`: `<script src="https://bot.example/widget.js" data-place="phường X, tỉnh Y" async></script>` adds a chat
 * button and panel to any page, inside a shadow root so the host page's styles and ours never mix. It calls the API of
 * the server it was loaded from (the host page's origin must be in ALLOWED_ORIGINS); `data-lang="en"` shows it in English.
 */
export const widgetScript = `(function () {
  const script = document.currentScript;
  if (!script || window.__hoiphuongWidget) return;
  window.__hoiphuongWidget = true;
  const apiBase = new URL(script.src, location.href).origin;
  const place = (script.getAttribute('data-place') || '').normalize('NFC').trim();
  const language = script.getAttribute('data-lang') === 'en' ? 'en' : 'vi';
${chatScript}
  function start() {
    const host = document.createElement('div');
    host.setAttribute('data-hoiphuong-widget', '');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = ${JSON.stringify(WIDGET_STYLES)};
    const launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'hp-launcher';
    launcher.textContent = language === 'en' ? 'Ask the ward' : 'Hỏi Phường';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'hp-panel');
    const panel = document.createElement('section');
    panel.className = 'hp-panel';
    panel.id = 'hp-panel';
    panel.setAttribute('aria-label', 'Hỏi Phường');
    panel.hidden = true;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'hp-close hp-light';
    close.textContent = language === 'en' ? 'Close' : 'Đóng';
    const body = document.createElement('div');
    const closeHolder = document.createElement('div');
    closeHolder.className = 'hp-chat';
    closeHolder.append(close);
    panel.append(closeHolder, body);
    shadow.append(style, launcher, panel);
    let mounted = false;
    const toggle = (open) => {
      panel.hidden = !open;
      launcher.setAttribute('aria-expanded', String(open));
      if (open && !mounted) {
        mounted = true;
        mountChat(body, { apiBase, place, language, storageKey: 'hoiphuong-widget:' + apiBase });
      }
      if (open) { const field = shadow.getElementById('hp-question'); if (field) field.focus(); } else launcher.focus();
    };
    launcher.addEventListener('click', () => toggle(panel.hidden));
    close.addEventListener('click', () => toggle(false));
    shadow.addEventListener('keydown', (event) => { if (event.key === 'Escape' && !panel.hidden) toggle(false); });
  }
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
`;
