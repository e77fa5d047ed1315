// The live meeting screen keeps what is typed: it is saved to the server a moment after
// each change, and kept in this browser until the server has it. If the connection drops,
// nothing is lost: the page says so, keeps retrying, and on reload puts back what the
// server never received.
// After a successful "Save and go to the next item", the server has it all.
const savedItem = new URLSearchParams(window.location.search).get("saved");
if (savedItem) localStorage.removeItem(`mace-live-${savedItem}`);

const form = document.getElementById("live-form");
if (form && form.dataset.autosaveUrl) {
  const status = form.querySelector("[data-autosave-status]");
  const key = form.dataset.storageKey;
  let timer = null;
  let dirty = false;
  let submitting = false;

  const fields = () => {
    const data = {};
    for (const [name, value] of new FormData(form).entries()) {
      if (name !== "csrfmiddlewaretoken") data[name] = value;
    }
    return data;
  };
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const keep = () => {
    try {
      localStorage.setItem(key, JSON.stringify(fields()));
    } catch {
      // storage full or disabled: the server copy is all we have
    }
  };
  const restore = () => {
    let kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(key) || "null");
    } catch {
      kept = null;
    }
    if (!kept) return false;
    for (const [name, value] of Object.entries(kept)) {
      const inputs = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
      for (const input of inputs) {
        if (input.type === "radio" || input.type === "checkbox") input.checked = input.value === value;
        else input.value = value;
      }
    }
    return true;
  };

  // One request at a time; `edits` counts changes so that a reply only clears the local
  // copy when nothing was typed while it was on its way.
  let edits = 0;
  let inFlight = false;
  const save = async () => {
    if (!dirty || submitting || inFlight) return;
    dirty = false;
    inFlight = true;
    const sent = edits;
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      if (response.status >= 400 && response.status < 500) {
        // Refused, not lost: say why (the meeting was closed, the item deferred, ...).
        let reason = "This page can no longer be saved: reload it.";
        try {
          const body = await response.json();
          if (body.errors && body.errors.length) reason = body.errors.join(" ");
        } catch {
          // not JSON (a sign-in page, a 403): keep the general message
        }
        say(`Not saved: ${reason} What you typed is kept in this browser.`);
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const result = await response.json();
      if (edits === sent) localStorage.removeItem(key);
      else dirty = true;
      const problems = Object.values(result.errors || {}).flat();
      say(
        problems.length
          ? `Saved at ${result.at}, except: ${problems.join("; ")}`
          : `Saved at ${result.at}`,
      );
    } catch {
      dirty = true; // try again on the next change or tick
      keep();
      say("Not connected: what you type is kept in this browser and saved when the connection is back.");
    } finally {
      inFlight = false;
      if (dirty && !submitting) {
        clearTimeout(timer);
        timer = setTimeout(save, 1000);
      }
    }
  };

  if (restore()) {
    dirty = true;
    say("Restored what was typed while the connection was lost; saving it now.");
    save();
  }
  form.addEventListener("submit", () => {
    submitting = true; // the form's own save takes over; the local copy stays until it lands
    clearTimeout(timer);
  });
  const changed = () => {
    dirty = true;
    edits += 1;
    keep();
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  setInterval(save, 10000);
  window.addEventListener("online", save);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") save();
  });
}
