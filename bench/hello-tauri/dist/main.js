// Once the page is loaded, the frame after next is painted: then tell the harness.
window.addEventListener('load', () => {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke('startup_mark').catch(() => {})),
  );
});
