// The response editor: unsaved text survives a lost session (refusals.js shows refusals).
//
// While someone types, the text is kept in localStorage under the comment's id and the revision
// the text started from. When the page comes back with that text still unsaved, it is restored
// with a notice, together with the revision it started from, so that a save made after someone
// else's is refused as stale and both texts are shown, never silently overwriting theirs.
// Once the editor shows the saved text again (a successful save), the kept copy is dropped.
(function () {
  "use strict";

  var PREFIX = "corresp:draft:";

  function normalized(text) {
    return text.replace(/\r\n/g, "\n").trim();
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // Storage disabled: the editor still works, without the safety net.
    }
  }

  function keptKeys(store, commentId) {
    var keys = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX + commentId + ":") === 0) keys.push(key);
    }
    return keys;
  }

  function forget(store, commentId) {
    keptKeys(store, commentId).forEach(function (key) { store.removeItem(key); });
  }

  function keep(store, commentId, base, text) {
    forget(store, commentId);
    store.setItem(PREFIX + commentId + ":" + (base || "new"), text);
  }

  function restore(form, store, commentId, textarea, baseInput) {
    var keys = keptKeys(store, commentId);
    if (!keys.length) return;
    var key = keys[keys.length - 1];
    var text = store.getItem(key) || "";
    if (normalized(text) === normalized(textarea.defaultValue)) {
      forget(store, commentId);
      return;
    }
    var base = key.slice((PREFIX + commentId + ":").length);
    textarea.value = text;
    baseInput.value = base === "new" ? "" : base;
    var notice = form.querySelector("[data-draft-notice]");
    if (notice) {
      notice.textContent = "Unsaved text restored from this browser." +
        (base !== "new" ? " It was started from revision " + base + "." : "");
      notice.hidden = false;
    }
  }

  function setUp(form) {
    if (form.dataset.draftReady) return;
    form.dataset.draftReady = "true";
    var store = storage();
    var textarea = form.querySelector("textarea[name=text]");
    var baseInput = form.querySelector("input[name=based_on]");
    if (!store || !textarea || !baseInput) return;
    var commentId = form.dataset.draftComment;
    if (form.dataset.unsaved) {
      keep(store, commentId, baseInput.value, textarea.value);
    } else {
      restore(form, store, commentId, textarea, baseInput);
    }
    textarea.addEventListener("input", function () {
      if (normalized(textarea.value) === normalized(textarea.defaultValue) && !form.dataset.unsaved) {
        forget(store, commentId);
      } else {
        keep(store, commentId, baseInput.value, textarea.value);
      }
    });
  }

  function setUpWithin(root) {
    var forms = root.querySelectorAll ? root.querySelectorAll("form[data-draft-comment]") : [];
    forms.forEach(setUp);
    if (root.matches && root.matches("form[data-draft-comment]")) setUp(root);
  }

  document.addEventListener("htmx:load", function (event) { setUpWithin(event.detail.elt); });
  document.addEventListener("DOMContentLoaded", function () { setUpWithin(document); });
})();
