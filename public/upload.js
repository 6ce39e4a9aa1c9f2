// Saknad's own script for the upload pages (views/imports/*), served from the same origin
// (the CSP allows no inline script). It only enhances: without it the forms post as usual
// and the status page reloads itself (meta refresh).
//  - the upload form sends the file with XMLHttpRequest and shows a progress bar;
//  - forms marked data-busy-form disable their buttons once sent (no double commit);
//  - a status page (data-poll) asks its status URL and reloads when the work is done.
(function () {
  'use strict';

  function busy(form) {
    var buttons = document.querySelectorAll('[data-busy-form] button, [data-upload] button');
    // After the submit event: a button disabled before it would not be sent.
    setTimeout(function () {
      Array.prototype.forEach.call(buttons, function (b) {
        b.disabled = true;
      });
      var own = form.querySelector('button[data-busy-text]');
      if (own) own.textContent = own.getAttribute('data-busy-text');
    }, 0);
  }

  function enhanceUpload(form) {
    if (!window.FormData || !window.XMLHttpRequest) return;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var box = form.querySelector('[data-upload-progress]');
      var bar = form.querySelector('progress');
      var status = form.querySelector('[data-upload-status]');
      var token = form.querySelector('input[name="_csrf"]');
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      if (token) xhr.setRequestHeader('X-CSRF-Token', token.value);
      xhr.responseType = 'document';
      if (box) box.hidden = false;
      xhr.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable || !bar) return;
        var pct = Math.round((e.loaded / e.total) * 100);
        bar.value = pct;
        if (status) status.textContent = pct + ' %';
      });
      xhr.addEventListener('load', function () {
        // The upload redirected (303) to its preview: go there, as the plain form would.
        if (xhr.status === 200 && xhr.responseURL && xhr.responseURL !== form.action) {
          window.location.assign(xhr.responseURL);
          return;
        }
        // The form again with its errors (400, 503): show that page in place.
        if (xhr.response && xhr.response.documentElement) {
          document.replaceChild(document.adoptNode(xhr.response.documentElement), document.documentElement);
          init();
          return;
        }
        window.location.reload();
      });
      xhr.addEventListener('error', function () {
        // The network failed: the plain form tries once more and shows the browser's error.
        form.submit();
      });
      xhr.send(new FormData(form));
      busy(form);
    });
  }

  function poll(el) {
    var url = el.getAttribute('data-poll');
    var timer = setInterval(function () {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) {
          return r.ok ? r.json() : { done: true };
        })
        .then(function (s) {
          if (!s.done) return;
          clearInterval(timer);
          window.location.reload();
        })
        .catch(function () {
          /* the page's own refresh goes on */
        });
    }, 700);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-upload]'), enhanceUpload);
    Array.prototype.forEach.call(document.querySelectorAll('form[data-busy-form]'), function (form) {
      form.addEventListener('submit', function () {
        busy(form);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-poll]'), poll);
  }

  init();
})();
