// Our one browser script (with session-timeout.js, which it loads on signed-in pages).
// Every page works without it; it only makes pages smoother.
//
// Load it after htmx (in <head> or at the end of <body>), each with the page's CSP nonce:
//   <meta name="csrf-token" content="...">
//   <meta name="htmx-config" content='{"allowEval":false,"allowScriptTags":false,"includeIndicatorStyles":false,"historyCacheSize":0,"refreshOnHistoryMiss":true,"selfRequestsOnly":true}'>
//   <script src="/static/build/htmx.min.js" defer nonce="..."></script>
//   <script type="module" src="/static/js/app.js" nonce="..."></script>
// Module scripts run in document order with deferred scripts, after parsing and
// before DOMContentLoaded, which is when htmx reads its meta config and first
// processes the page. So the settings below are in place before htmx does anything.

// The same settings as the htmx-config meta tag, in case a page leaves the tag out.
// allowEval/allowScriptTags off: no eval, no scripts from swapped HTML (CSP forbids both anyway).
// includeIndicatorStyles off: htmx would otherwise add an inline <style>, which CSP blocks.
// historyCacheSize 0: never copy pages (personal data) into localStorage;
// refreshOnHistoryMiss: Back/Forward reloads the full page rather than asking for a partial.
const HTMX_CONFIG = {
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  selfRequestsOnly: true,
};

const GOVUK_COMPONENT = '[data-module^="govuk-"]';

if (window.htmx) {
  Object.assign(window.htmx.config, HTMX_CONFIG);
}

// Every htmx request carries the page's CSRF token, read when the request is made.
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && meta.content) {
    event.detail.headers["X-CSRF-Token"] = meta.content;
  }
});

// Results swapped in by htmx (another page of them, or filters applied): the link that had
// the focus may be gone with the old results, so the focus moves to the new results' summary
// ("Showing 51 to 100 of 240"), which a screen reader then reads.
document.addEventListener("htmx:afterSwap", (event) => {
  const summary = event.detail.target.querySelector("[data-focus-after-swap]");
  if (summary) {
    summary.focus();
  }
});

// "Copy the address": copies the text of the field named by data-copy-from, and says so.
document.querySelectorAll("[data-copy-from]").forEach((group) => {
  const field = document.getElementById(group.dataset.copyFrom);
  const button = group.querySelector("button");
  const status = group.querySelector("[role=status]");
  if (!field || !button || !status || !navigator.clipboard) {
    return;
  }
  group.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(field.value).then(
      () => {
        status.textContent = "Copied. Paste it where you need it.";
      },
      () => {
        field.select();
        status.textContent = "Could not copy. The address is selected: copy it from there.";
      },
    );
  });
});

// A page opened at one of its sections after a change there ("#case-discussions", after a case
// discussion was added) shows the change's message in that section: the message takes the
// focus (GOV.UK's banner), so the next Tab goes on in the section, not at the top of the page.
const changedSection = window.location.hash
  ? document.getElementById(decodeURIComponent(window.location.hash.slice(1)))
  : null;
if (changedSection) {
  document
    .querySelectorAll(".govuk-notification-banner--success")
    .forEach((banner) => changedSection.after(banner));
}

// GOV.UK Frontend styles its JavaScript-enhanced components only under this class.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

// GOV.UK Frontend is fetched only by pages that have one of its components.
let govukFrontend = null;

function ignoreAlreadyInitialised(error) {
  if (error && error.name !== "InitError") {
    console.error(error);
  }
}

async function initGovukComponents(scope) {
  const isComponent = scope.matches(GOVUK_COMPONENT);
  if (!isComponent && !scope.querySelector(GOVUK_COMPONENT)) {
    return;
  }
  govukFrontend ??= import("../build/govuk-frontend.min.js");
  const { initAll } = await govukFrontend;
  // initAll searches inside its scope, so a swapped-in component is found from its parent.
  const root = isComponent && scope.parentElement ? scope.parentElement : scope;
  initAll({ scope: root, onError: ignoreAlreadyInitialised });
}

initGovukComponents(document.body).catch(console.error);

// Signed-in pages warn before the session ends (session-timeout.js, fetched only by them).
if (document.querySelector('meta[name="session-timeout"]')) {
  import("./session-timeout.js").catch(console.error);
}

// Content htmx swaps in gets its GOV.UK components set up too.
document.addEventListener("htmx:load", (event) => {
  const element = event.detail.elt;
  if (element instanceof Element && element !== document.body) {
    initGovukComponents(element).catch(console.error);
  }
});

// An autosaving form's status line never claims more than is true. Typing after a save
// says the changes are on their way until the save lands ("Draft saved at ..."), rather
// than leaving "Draft saved" up while the newest words are not; it changes once, so a
// screen reader hears it once, not on every key. A save that did not reach the server
// says so, and the next one that works says "Draft saved" again.
const SAVING = "Saving your latest changes…";
const NOT_SAVED =
  'Your latest changes are not saved yet. Check your connection, then use "Save draft".';

function autosaveStatus(element) {
  const form = element instanceof Element ? element.closest("form[hx-target]") : null;
  const status = form ? document.querySelector(form.getAttribute("hx-target")) : null;
  return status && status.getAttribute("role") === "status" ? status : null;
}

document.addEventListener("input", (event) => {
  const status = autosaveStatus(event.target);
  if (status && status.textContent !== SAVING && status.textContent !== NOT_SAVED) {
    status.textContent = SAVING;
  }
});

for (const failure of ["htmx:sendError", "htmx:responseError", "htmx:timeout"]) {
  document.addEventListener(failure, (event) => {
    const target = event.detail.target;
    if (target instanceof Element && target.getAttribute("role") === "status") {
      target.textContent = NOT_SAVED;
    }
  });
}

// Typed but not sent: leaving the page with words typed into a form that was not sent (by
// pressing another form's button, following a link, or closing the tab) asks first, with the
// browser's own "Leave page?" question. Forms that keep themselves as they are typed (hx-post)
// are left out, as are searches (GET), and a form stops counting once it is sent. A form the
// page shows again with what was typed in it, not yet sent (data-kept, or any form on a page
// shown with errors), counts from the start while any of its words are there.
const unsent = new Set(document.querySelectorAll("form[data-kept]"));
// A page shown again with its errors holds what was typed, not yet saved: its forms count
// the same way, as do those of a page shown again after signing in, holding what was typed
// when the session had ended (data-kept-form).
if (document.querySelector(".govuk-error-summary, [data-kept-form]")) {
  document.querySelectorAll("form[method=post]:not([hx-post])").forEach((form) => {
    form.setAttribute("data-kept", "");
    unsent.add(form);
  });
}

function wordsIn(form) {
  return Array.from(form.elements).some(
    (field) =>
      (field instanceof HTMLTextAreaElement ||
        (field instanceof HTMLInputElement && ["text", "email", "tel"].includes(field.type))) &&
      field.value.trim() !== "",
  );
}

function typedIn(form) {
  return Array.from(form.elements).some((field) => {
    if (field instanceof HTMLTextAreaElement) return field.value !== field.defaultValue;
    if (field instanceof HTMLSelectElement) {
      return Array.from(field.options).some((option) => option.selected !== option.defaultSelected);
    }
    if (!(field instanceof HTMLInputElement) || field.type === "hidden") return false;
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    return field.value !== field.defaultValue;
  });
}

document.addEventListener("input", (event) => {
  const form = event.target instanceof Element ? event.target.closest("form") : null;
  if (form && form.method === "post" && !form.hasAttribute("hx-post")) {
    unsent.add(form);
  }
});

document.addEventListener("submit", (event) => unsent.delete(event.target), true);

window.addEventListener("beforeunload", (event) => {
  const unsaved = (form) => typedIn(form) || (form.hasAttribute("data-kept") && wordsIn(form));
  if (Array.from(unsent).some((form) => form.isConnected && unsaved(form))) {
    event.preventDefault();
    event.returnValue = "";
  }
});
