// Progressive enhancement of the composer (reply and new-thread forms); without it the Preview
// button does the same on the server. Adds: a formatting toolbar that only inserts markdown, a
// live preview rendered by the server's own pipeline (POST /preview, rate-limited there, so we
// ask at most every 20 seconds), a draft saved every few seconds (POST /drafts/:place), and an
// empty composer reopened with the draft it left.
(function () {
  'use strict';
  var PREVIEW_EVERY_MS = 20000;
  var SAVE_EVERY_MS = 5000;

  function placeOf(form) {
    var action = form.getAttribute('action') || '';
    var reply = /^\/t\/(\d+)\/replies$/.exec(action);
    if (reply) return 'reply-' + reply[1];
    var thread = /^\/b\/([a-z0-9-]+)\/threads$/.exec(action);
    return thread ? 'thread-' + thread[1] : null;
  }

  function post(url, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' }, body: body })
      .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json }; }); });
  }

  function surround(textarea, before, after, placeholder) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var chosen = textarea.value.slice(start, end) || placeholder;
    textarea.setRangeText(before + chosen + after, start, end, 'end');
    textarea.focus();
    textarea.dispatchEvent(new Event('input'));
  }

  function prefixLines(textarea, prefix) {
    var start = textarea.value.lastIndexOf('\n', textarea.selectionStart - 1) + 1;
    var end = textarea.selectionEnd;
    var lines = textarea.value.slice(start, end).split('\n').map(function (line) { return prefix + line; });
    textarea.setRangeText(lines.join('\n'), start, end, 'end');
    textarea.focus();
    textarea.dispatchEvent(new Event('input'));
  }

  function toolbarFor(textarea) {
    var bar = document.createElement('div');
    bar.className = 'composer-toolbar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Formatting');
    [
      ['Bold', function () { surround(textarea, '**', '**', 'bold text'); }],
      ['Link', function () { surround(textarea, '[', '](https://)', 'link text'); }],
      ['Quote', function () { prefixLines(textarea, '> '); }],
      ['List', function () { prefixLines(textarea, '- '); }],
    ].forEach(function (item) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button--small button--secondary';
      button.textContent = item[0];
      button.addEventListener('click', item[1]);
      bar.appendChild(button);
    });
    return bar;
  }

  function enhance(textarea) {
    var form = textarea.form;
    if (!form) return;
    var place = placeOf(form);
    var tokenField = form.querySelector('input[name=_csrf]');
    var csrf = tokenField ? tokenField.value : '';
    var title = form.querySelector('input[name=title]');
    textarea.parentNode.insertBefore(toolbarFor(textarea), textarea);

    var live = document.createElement('section');
    live.className = 'live-preview';
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-label', 'Live preview');
    var liveHeading = document.createElement('h2');
    liveHeading.className = 'preview__heading';
    liveHeading.textContent = 'Live preview';
    var liveBody = document.createElement('div');
    liveBody.className = 'prose';
    var status = document.createElement('p');
    status.className = 'muted live-preview__status';
    live.appendChild(liveHeading);
    live.appendChild(liveBody);
    live.appendChild(status);
    textarea.parentNode.appendChild(live);

    var lastPreviewAt = 0, previewTimer = null, previewed = null, saved = textarea.value;
    function preview() {
      previewTimer = null;
      if (textarea.value === previewed) return;
      var wait = lastPreviewAt + PREVIEW_EVERY_MS - Date.now();
      if (wait > 0) { previewTimer = setTimeout(preview, wait); return; }
      lastPreviewAt = Date.now();
      previewed = textarea.value;
      post('/preview', { _csrf: csrf, body: previewed }).then(function (answer) {
        // The HTML is the server's sanitized rendering, exactly what the Preview button shows.
        if (answer.ok) { liveBody.innerHTML = answer.json.html; status.textContent = ''; }
        else { status.textContent = answer.json.error ? answer.json.error.message : 'The preview is not available.'; }
      }).catch(function () { status.textContent = 'The preview is not available right now.'; });
    }
    textarea.addEventListener('input', function () {
      if (!previewTimer) previewTimer = setTimeout(preview, 1500);
    });

    // A composer that opens with text (a draft, a quote, a refused post) shows its preview at once.
    if (textarea.value.trim() !== '') preview();

    if (!place) return;
    setInterval(function () {
      var now = textarea.value;
      if (now === saved) return;
      saved = now;
      post('/drafts/' + place, { _csrf: csrf, body: now, title: title ? title.value : '' }).then(function (answer) {
        status.textContent = answer.ok ? 'Draft saved.' : (answer.json.error ? answer.json.error.message : '');
      }).catch(function () {});
    }, SAVE_EVERY_MS);

    if (textarea.value.trim() === '') {
      fetch('/drafts/' + place, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (json) {
          if (!json || !json.draft || textarea.value.trim() !== '') return;
          textarea.value = json.draft.body;
          saved = textarea.value;
          if (title && !title.value && json.draft.title) title.value = json.draft.title;
          status.textContent = 'Your draft is back.';
          preview();
        }).catch(function () {});
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-live-preview]'), enhance);
})();
