// The review panel's only script (loaded by nonce). It never builds HTML from data: it reads the
// page the extension rendered, keeps drafts in the webview state, and posts small, typed messages.
(function () {
  const vscode = acquireVsCodeApi();
  const body = document.body;
  const kind = body.dataset.kind;
  const label = body.dataset.label;
  const state = vscode.getState() || {};
  const fields = Array.from(document.querySelectorAll('textarea[data-heading]'));
  const status = document.getElementById('status');

  function answers() {
    const out = {};
    for (const f of fields) out[f.dataset.heading] = f.value;
    return out;
  }

  // Where the person was, kept in the webview state: every re-render (a save, a step, a live update)
  // replaces the page, and focus, scroll and the announcement must survive it.
  function patchState(patch) {
    vscode.setState(Object.assign({}, vscode.getState() || {}, patch));
  }

  // A sprint and a week can share a label (2026-W47): drafts are kept by kind and label.
  const draftKey = kind + ':' + label;
  function remember(drafts) {
    const next = Object.assign({}, vscode.getState() || {}, { kind: kind, label: label });
    next.drafts = Object.assign({}, next.drafts || {});
    if (drafts) next.drafts[draftKey] = drafts;
    else delete next.drafts[draftKey];
    vscode.setState(next);
  }

  // After a reload the extension may not know the drafts any more: the webview state does.
  const saved = state.drafts && state.drafts[draftKey];
  if (saved) {
    for (const f of fields) if (typeof saved[f.dataset.heading] === 'string') f.value = saved[f.dataset.heading];
    if (status) status.textContent = 'Unsaved changes';
    vscode.postMessage({ type: 'draft', kind: kind, label: label, answers: answers() });
  } else {
    remember(null);
  }

  const header = document.querySelector('.top');
  function headerBottom() {
    return header && getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().bottom : 0;
  }
  // Keyboard focus is never hidden under the sticky header (WCAG 2.2 SC 2.4.11).
  function keepClear() {
    document.documentElement.style.scrollPaddingTop = headerBottom() + 8 + 'px';
  }
  keepClear();
  window.addEventListener('resize', keepClear);
  document.addEventListener('focusin', function (event) {
    const el = event.target;
    if (el instanceof Element && el.id) patchState({ focus: el.id, active: true });
    if (!(el instanceof Element) || (header && header.contains(el))) return;
    const top = el.getBoundingClientRect().top;
    const limit = headerBottom() + 8;
    if (top < limit) window.scrollBy(0, top - limit);
  });
  // A step to another period replaces the page, and the old page can lose focus on its way out: that
  // blur is not the person leaving the panel, or the new page would not give focus back to the control.
  let replacing = null;
  function expectReplacement() {
    clearTimeout(replacing);
    replacing = setTimeout(function () { replacing = null; }, 2000);
  }
  window.addEventListener('blur', function () {
    if (replacing === null) patchState({ active: false });
  });
  let scrollTimer = null;
  window.addEventListener('scroll', function () {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(function () { patchState({ scrollY: window.scrollY }); }, 100);
  });

  const previous = state.shown;
  patchState({ shown: kind + ':' + label });
  const samePeriod = previous === kind + ':' + label;
  if (samePeriod && typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  else if (!samePeriod) {
    // VS Code puts a replaced page back at the old scroll position once it has loaded: a new period starts at the top.
    patchState({ scrollY: 0 });
    const top = function () { window.scrollTo(0, 0); };
    top();
    // Registered after VS Code's own DOMContentLoaded listener on this window, so it runs after it.
    window.addEventListener('DOMContentLoaded', top);
    window.addEventListener('load', function () { top(); setTimeout(top, 50); });
  }
  if (state.active && state.focus) {
    // A step to another period keeps focus on the control that made it; a re-render keeps it where it was.
    const again = document.getElementById(state.focus);
    if (again && (samePeriod || again.closest('.top'))) again.focus({ preventScroll: samePeriod });
  }
  const announce = document.getElementById('announce');
  if (announce && previous && !samePeriod) {
    // Set after load so screen readers hear the change of period.
    setTimeout(function () { announce.textContent = announce.dataset.text; }, 50);
  }

  let timer = null;
  for (const f of fields) {
    f.addEventListener('input', function () {
      remember(answers());
      if (status) status.textContent = 'Unsaved changes';
      clearTimeout(timer);
      timer = setTimeout(function () {
        vscode.postMessage({ type: 'draft', kind: kind, label: label, answers: answers() });
      }, 300);
    });
  }

  const form = document.getElementById('retro');
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      // A draft still waiting to be sent would arrive after the save and mark it unsaved again.
      clearTimeout(timer);
      if (status) status.textContent = 'Saving…';
      vscode.postMessage({ type: 'save', kind: kind, label: label, answers: answers() });
    });
  }

  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!target) return;
    const d = target.dataset;
    if (d.action === 'navigate' || d.action === 'switch') expectReplacement();
    if (d.action === 'navigate') vscode.postMessage({ type: 'navigate', kind: d.kind, label: d.label });
    else if (d.action === 'switch') vscode.postMessage({ type: 'switch', kind: d.kind });
    else if (d.action === 'suggestion') vscode.postMessage({ type: 'suggestion', goal: d.goal, suggestion: d.suggestion });
    else if (d.action === 'openGoal') vscode.postMessage({ type: 'openGoal', goal: d.goal });
  });

  window.addEventListener('message', function (event) {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'saved' && m.label === label) {
      remember(null);
      if (status) status.textContent = 'Saved to ' + m.file;
    } else if (m.type === 'error' && status) {
      status.textContent = String(m.message);
    }
  });
})();
