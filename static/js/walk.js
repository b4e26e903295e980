// Previous / next on the comment page from the keyboard: j or ] for the next comment, k or [
// for the previous one, as the page says. Keys typed into a field, or with a modifier, are
// left alone; without JavaScript the two links work as links.
(function () {
  "use strict";
  var KEYS = { j: "next", "]": "next", k: "previous", "[": "previous" };

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    var direction = KEYS[event.key];
    if (!direction || !(event.target instanceof Element) || typing(event.target)) return;
    var link = document.querySelector('a[data-walk="' + direction + '"]');
    if (!link) return;
    event.preventDefault();
    window.location.assign(link.href);
  });
})();
