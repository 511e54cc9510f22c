/*! InnoMap embed.js: host-page side of InnoMap embed protocol version 1. Sizes each iframe[data-innomap]
 * from its height messages, sends it the page's lang, re-dispatches its messages as innomap:<type>
 * events on it; API in window.InnoMap. Usage:
 *   <iframe data-innomap title="Map" src="https://MAP/?embed=1&height=auto&origins=https://CITY"></iframe>
 *   <script src="https://MAP/embed.js" async></script>
 *   <script>document.addEventListener('innomap:selection', (e) => {
 *     console.log(e.target, e.detail.id, e.detail.name); // e.target: the iframe
 *   });</script>
 * Sends nothing anywhere but to the map iframes, at their origin. No requests, cookies or storage. */
(() => {
  'use strict';
  if (window.InnoMap) return; // loaded twice
  const SEL = 'iframe[data-innomap]';
  const seen = new WeakSet(); // iframes with our load listener
  const hinted = new WeakSet(); // maps that have heard from us since they last loaded

  // The map's origin, or null (no src, about:, data:): we never post to '*'.
  const originOf = (f) => {
    try {
      const o = f.getAttribute('src') && new URL(f.src, location.href).origin;
      return o && o !== 'null' ? o : null;
    } catch (_) { return null; }
  };
  const maps = () => Array.from(document.querySelectorAll(SEL));
  const post = (f, type, fields) => {
    const o = originOf(f), w = f.contentWindow;
    if (o && w) w.postMessage({ innomap: 1, type, ...fields }, o);
  };
  const sendLang = (f) => {
    const language = (document.documentElement.lang || '').trim();
    if (language) post(f, 'page-language', { language });
  };
  const track = (f) => {
    if (!seen.has(f)) { seen.add(f); f.addEventListener('load', () => { hinted.delete(f); sendLang(f); }); }
  };

  window.addEventListener('message', (e) => {
    const d = e.data;
    if (!d || typeof d !== 'object' || d.innomap !== 1 || !d.type || typeof d.type !== 'string') return;
    const f = e.source && maps().find((m) => m.contentWindow === e.source);
    if (!f || e.origin !== originOf(f)) return; // not a map of ours, at its own origin
    if (d.type === 'height' && typeof d.height === 'number' && isFinite(d.height)) {
      f.style.height = Math.round(Math.min(5000, Math.max(200, d.height))) + 'px';
    }
    // The map starts listening only after its load event (WebAssembly starts late): its first
    // message (a height, sent as soon as it runs) says it can hear the hint now.
    if (!hinted.has(f) || d.type === 'ready') { hinted.add(f); sendLang(f); }
    f.dispatchEvent(new CustomEvent('innomap:' + d.type, { bubbles: true, detail: { ...d } }));
  });

  // One still on its initial about:blank (readable: same origin) gets the hint on load.
  const loaded = (f) => { const d = f.contentDocument; return !d || d.URL !== 'about:blank'; };
  maps().forEach((f) => { track(f); if (loaded(f)) sendLang(f); });
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      if (n.matches(SEL)) track(n);
      else if (n.firstElementChild) n.querySelectorAll(SEL).forEach(track);
    }
  }).observe(document, { childList: true, subtree: true });

  const need = (x) => {
    let f = x;
    if (typeof x === 'string') try { f = document.querySelector(x); } catch (_) { f = null; }
    if (!f || f.nodeType !== 1 || !f.matches(SEL)) {
      throw new TypeError(`InnoMap: ${typeof x === 'string' ? `"${x}"` : x} is not an iframe[data-innomap]`);
    }
    return f;
  };

  window.InnoMap = Object.freeze({
    version: 1,
    maps,
    // innomap:<type> events of one map or all; returns an unsubscribe function.
    on(type, cb, iframe) {
      if (typeof cb !== 'function') throw new TypeError('InnoMap.on: callback is not a function');
      const t = iframe == null ? document : need(iframe), name = 'innomap:' + type;
      t.addEventListener(name, cb);
      return () => t.removeEventListener(name, cb);
    },
    setLanguage: (f, language) => post(need(f), 'set-language', { language }),
    open: (f, id) => post(need(f), 'open', { id: id == null ? null : id }),
    // Only the spec's fields; a missing one clears its filter.
    setFilters(f, filters) {
      const m = {}, s = filters || {};
      for (const k of ['themes', 'kinds', 'countries', 'years']) if (s[k] !== undefined) m[k] = s[k];
      post(need(f), 'set-filters', m);
    },
    fit: (f, bbox) => post(need(f), 'fit', { bbox: Array.from(bbox || []) }),
  });
})();
