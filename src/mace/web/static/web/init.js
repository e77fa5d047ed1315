// Starts GOV.UK Frontend's components. A file of its own: the CSP allows no inline script.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
