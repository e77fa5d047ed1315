// Keeps what the referrer has typed on the server as they go, so a closed tab, a timeout or
// a lost connection loses nothing. The server stores it as the step's unsaved draft.
const form = document.getElementById("referral-step");
if (form && form.dataset.autosaveUrl) {
  const status = form.querySelector("[data-autosave-status]");
  let timer = null;
  let dirty = false;

  const save = async () => {
    if (!dirty || submitting) return;
    dirty = false;
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      if (status) {
        status.textContent = response.ok
          ? `Draft saved at ${new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}`
          : "Your draft could not be saved just now; it will be saved when you continue.";
      }
    } catch {
      dirty = true; // offline: try again on the next change or tick
      if (status) status.textContent = "Not connected: your answers are kept on this page.";
    }
  };

  let submitting = false;
  form.addEventListener("submit", () => {
    submitting = true; // the form's own save takes over; a late autosave must not undo it
    clearTimeout(timer);
  });

  form.addEventListener("input", () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });
  setInterval(save, 30000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") save();
  });
}
