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

  function remember(drafts) {
    const next = Object.assign({}, vscode.getState() || {}, { kind: kind, label: label });
    next.drafts = Object.assign({}, next.drafts || {});
    if (drafts) next.drafts[label] = drafts;
    else delete next.drafts[label];
    vscode.setState(next);
  }

  // After a reload the extension may not know the drafts any more: the webview state does.
  const saved = state.drafts && state.drafts[label];
  if (saved) {
    for (const f of fields) if (typeof saved[f.dataset.heading] === 'string') f.value = saved[f.dataset.heading];
    if (status) status.textContent = 'Unsaved changes';
    vscode.postMessage({ type: 'draft', kind: kind, label: label, answers: answers() });
  } else {
    remember(null);
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
      if (status) status.textContent = 'Saving…';
      vscode.postMessage({ type: 'save', kind: kind, label: label, answers: answers() });
    });
  }

  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!target) return;
    const d = target.dataset;
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
