// Small progressive enhancements; every page works without them (CSP-safe: no inline code).
(function () {
  "use strict";

  // One polite live region, so what a button did is read out as well as shown.
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  function announce(text) {
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }

  // Copy with the Clipboard API where the page is a secure context, else the older command
  // (a demo opened by address over http has no navigator.clipboard).
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      area.remove();
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  // Copy buttons: <button data-copy="text" hidden>Copy</button> (hidden until this runs).
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var label = button.textContent;
    var timer = null;
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(button.dataset.copy).then(function () {
        button.textContent = "Copied";
        announce("Copied to the clipboard");
      }, function () {
        button.textContent = "Copy failed: select the text";
        announce("Could not copy: select the text and copy it yourself");
      }).then(function () {
        clearTimeout(timer);
        timer = setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  // Stored times (<time datetime="…Z" data-local>, written in UTC) in the reader's time zone.
  var local = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
    timeZoneName: "short"});
  document.querySelectorAll("time[data-local]").forEach(function (time) {
    var date = new Date(time.dateTime);
    if (isNaN(date.getTime())) { return; }
    time.title = time.textContent;
    time.textContent = local.format(date);
  });

  // After a refused submit, focus goes to what was wrong (the summary is also announced).
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }

  // Forms that destroy something ask first: <form data-confirm="Really?">
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); event.stopImmediatePropagation(); }
    });
  });

  // Buttons that wait on Microsoft say so: <button data-busy-label="Testing…">. The button is
  // disabled after the submit has gone (disabling it first would drop its name from the form),
  // and a second submit of the same form is ignored.
  function labelOf(button) { return button.querySelector("span") || button; }
  function readLabel(button) {
    return button.tagName === "INPUT" ? button.value : labelOf(button).textContent;
  }
  function setLabel(button, text) {
    if (button.tagName === "INPUT") { button.value = text; } else { labelOf(button).textContent = text; }
  }
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.classList.contains("busy")) { event.preventDefault(); return; }
      var button = event.submitter;
      if (button && button.dataset.busyLabel) {
        button.dataset.idleLabel = readLabel(button);
        setLabel(button, button.dataset.busyLabel);
        button.setAttribute("aria-busy", "true");
        form.classList.add("busy");
        setTimeout(function () { button.disabled = true; }, 0);
      }
    });
  });

  // Back from Microsoft, the browser may show this page from its cache: buttons work again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form.busy").forEach(function (form) { form.classList.remove("busy"); });
    document.querySelectorAll("[aria-busy=true][data-idle-label]").forEach(function (button) {
      setLabel(button, button.dataset.idleLabel);
      button.removeAttribute("aria-busy");
      button.disabled = false;
    });
  });
})();
