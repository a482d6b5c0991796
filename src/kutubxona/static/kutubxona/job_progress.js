// A background job's progress bar (templates/core/job_progress.html): poll its JSON view and
// reload the page (with its report) when the job has finished. Without JavaScript the page
// refreshes itself (<noscript> meta refresh in the page).
(() => {
  const box = document.querySelector("[data-job-progress]");
  if (!box || box.dataset.finished) return;
  const bar = box.querySelector("progress");
  const text = box.querySelector("[role=status]");
  const seconds = Number(box.dataset.seconds || "1");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.url, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const data = await response.json();
        bar.value = data.percent;
        bar.textContent = `${data.percent}%`;
        text.textContent = data.text;
        if (data.finished) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // A passing network error: try again at the next tick.
    }
    window.setTimeout(poll, seconds * 1000);
  };
  window.setTimeout(poll, seconds * 1000);
})();
