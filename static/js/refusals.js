// htmx shows refusals in place: a refused post (400) or a stale save (409) answers with the
// page part to show, so it is swapped in like a success instead of being dropped.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 400 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
