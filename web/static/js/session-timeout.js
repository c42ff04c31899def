// The timeout warning (GOV.UK's pattern), on signed-in pages only: app.js loads this module
// when the page has <meta name="session-timeout">, and the dialog is in the page
// (web/templates/components/session_timeout.html).
//
// The server says how many seconds are left (the meta tag's content) and how long before the
// end to warn. A few minutes before the session would end for want of activity, a modal
// dialog says when, with "Stay signed in" (a POST that starts the server's idle clock again)
// and "Sign out". Escape is "Stay signed in". Any htmx request counts as activity, and so
// does another tab of this site that is in use. At the end the dialog says the person is
// signed out and that what they typed is still on the page: sending it keeps it for them
// (learning.accounts.kept_forms), so nothing here navigates away from it.
// Without JavaScript there is no warning; nothing typed is lost either way.

const meta = document.querySelector('meta[name="session-timeout"]');
const dialog = document.getElementById("session-timeout");

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const LONGEST_WAIT = MINUTE; // timers are checked at least this often (a laptop may sleep)

function seconds(value) {
  const number = Number(value);
  return Number.isFinite(number) ? number * SECOND : NaN;
}

function inWords(ms) {
  const left = Math.max(0, Math.ceil(ms / SECOND));
  if (left >= 60) {
    const minutes = Math.ceil(left / 60);
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${left} second${left === 1 ? "" : "s"}`;
}

function focusable(root) {
  return Array.from(root.querySelectorAll("button, a[href], input, select, textarea")).filter(
    (element) => !element.disabled && !element.hidden && element.type !== "hidden",
  );
}

// GOV.UK's buttons are display: inline-block, which the hidden attribute alone does not beat.
function showIf(element, shown) {
  element.hidden = !shown;
  element.classList.toggle("govuk-!-display-none", !shown);
}

function setUp() {
  const left = seconds(meta.content);
  const afterRequest = seconds(meta.dataset.afterRequest);
  const full = seconds(meta.dataset.full);
  const warn = seconds(meta.dataset.warn);
  const absolute = seconds(meta.dataset.absolute);
  if ([left, afterRequest, full, warn, absolute].some(Number.isNaN)) {
    return;
  }
  const heading = dialog.querySelector("h2");
  const headingText = heading.textContent;
  const stayButton = dialog.querySelector("[data-timeout-stay]");
  const signOutButton = dialog.querySelector("[data-timeout-sign-out]");
  const closeButton = dialog.querySelector("[data-timeout-close]");
  const announce = dialog.querySelector("[data-timeout-announce]");
  const messages = Array.from(dialog.querySelectorAll("p[id^='session-timeout-']"));
  const started = Date.now();
  const absoluteEnds = started + absolute;
  const channel = "BroadcastChannel" in window ? new BroadcastChannel("learning-session") : null;
  let idleEnds = started + left;
  let timer = null;
  let shown = ""; // which message the dialog shows: "", "idle", "absolute", "ended-idle", ...
  let spoken = ""; // the part of the countdown last told to screen readers
  let dismissed = ""; // a message closed with "Close" is not shown again
  let over = false; // the session has ended: nothing more to count or renew
  let returnFocus = null;

  const ends = () => Math.min(idleEnds, absoluteEnds);
  const cause = () => (absoluteEnds <= idleEnds ? "absolute" : "idle");

  function show(which) {
    shown = which;
    for (const message of messages) {
      message.hidden = message.id !== `session-timeout-${which}`;
    }
    dialog.setAttribute("aria-describedby", `session-timeout-${which}`);
    const ended = which.startsWith("ended");
    heading.textContent = ended ? dialog.dataset.endedHeading : headingText;
    showIf(stayButton, which === "idle");
    showIf(signOutButton, !ended);
    showIf(closeButton, which !== "idle");
    if (!dialog.open) {
      returnFocus = document.activeElement;
      announce.textContent = "";
      dialog.showModal();
    }
    (ended || which === "absolute" ? closeButton : stayButton).focus();
  }

  function hide() {
    shown = "";
    spoken = "";
    if (dialog.open) {
      dialog.close();
    }
    if (returnFocus && returnFocus.isConnected && returnFocus !== document.body) {
      returnFocus.focus();
    }
    returnFocus = null;
  }

  // Screen readers hear the dialog's message as it opens, then each new minute, and when 30
  // and 10 seconds are left: not every second.
  function countDown(remaining) {
    const words = inWords(remaining);
    dialog.querySelectorAll("[data-timeout-countdown]").forEach((element) => {
      element.textContent = words;
    });
    const left = Math.ceil(remaining / SECOND);
    const part = left >= 60 ? words : left > 30 ? "" : left > 10 ? "30 seconds" : "10 seconds";
    if (!dialog.open) {
      spoken = part; // said by the dialog's own message as it opens
    } else if (part && part !== spoken) {
      announce.textContent = `You will be signed out in ${part}.`;
      spoken = part;
    }
  }

  function check() {
    clearTimeout(timer);
    timer = null;
    const remaining = ends() - Date.now();
    if (remaining <= 0) {
      over = true;
      show(`ended-${cause()}`);
      if (channel) channel.close();
      return;
    }
    if (remaining > warn) {
      if (shown) hide();
      timer = setTimeout(check, Math.min(remaining - warn, LONGEST_WAIT));
      return;
    }
    countDown(remaining);
    if (shown !== cause() && dismissed !== cause()) show(cause());
    timer = setTimeout(check, Math.min(remaining, SECOND));
  }

  // The server's idle clock moved on: it never moves back, so the later end is the one.
  function renewed(until, tellOthers) {
    if (over || until <= idleEnds) return;
    idleEnds = until;
    if (tellOthers && channel) channel.postMessage({ idleEnds });
    check();
  }

  async function staySignedIn() {
    const token = document.querySelector('meta[name="csrf-token"]');
    let response = null;
    try {
      response = await fetch(dialog.dataset.stayUrl, {
        method: "POST",
        headers: { "X-CSRF-Token": token ? token.content : "" },
        credentials: "same-origin",
        redirect: "manual", // an ended session is sent to sign in: not followed here
      });
    } catch (error) {
      announce.textContent = "That did not work: check your connection, then try again.";
      return;
    }
    if (response.status === 204) {
      hide();
      renewed(Date.now() + full, true);
      return;
    }
    idleEnds = Math.min(idleEnds, Date.now()); // the session had already ended
    check();
  }

  function dismiss() {
    dismissed = shown;
    hide();
  }

  stayButton.addEventListener("click", staySignedIn);
  closeButton.addEventListener("click", dismiss);

  // Escape: "Stay signed in" while that is on offer, else close.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (shown === "idle") {
      staySignedIn();
    } else {
      dismiss();
    }
  });

  // The focus stays in the dialog: Tab from its last control goes to its first, and back.
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    const controls = focusable(dialog);
    if (controls.length === 0) return;
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  // An htmx request reached the server, which moved the idle clock on (it does so at most
  // once a minute, hence the server's "after a request" figure, a little under the whole).
  document.addEventListener("htmx:afterRequest", (event) => {
    const xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status > 0 && !xhr.getResponseHeader("HX-Redirect")) {
      renewed(Date.now() + afterRequest, true);
    }
  });

  if (channel) {
    channel.addEventListener("message", (event) => {
      const until = event.data && Number(event.data.idleEnds);
      if (Number.isFinite(until)) renewed(until, false);
    });
    channel.postMessage({ idleEnds });
  }

  // A tab brought back (or a laptop woken) checks at once rather than when its timer fires.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && !over) check();
  });

  check();
}

if (meta && dialog && typeof dialog.showModal === "function") {
  setUp();
}
