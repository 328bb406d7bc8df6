// The editor's page script (written by reperes): Decap CMS starts by hand, with the
// configuration generated from the content model (`config.yml`, in JSON). Under
// `reperes serve --edit`, every request to the local backend carries the preview's token.
window.CMS_MANUAL_INIT = true;

const tokenMeta = document.querySelector('meta[name="reperes-token"]');
const endpointMeta = document.querySelector('meta[name="reperes-endpoint"]');
if (tokenMeta && endpointMeta) {
  const endpoint = new URL(endpointMeta.content, location.href).href;
  const send = window.fetch.bind(window);
  window.fetch = (input, init = {}) => {
    const target = input instanceof Request ? input.url : String(input);
    if (new URL(target, location.href).href !== endpoint) {
      return send(input, init);
    }
    const headers = new Headers(init.headers || {});
    headers.set("X-Reperes-Token", tokenMeta.content);
    return send(input, { ...init, headers });
  };
}

window.addEventListener("DOMContentLoaded", async () => {
  const response = await fetch(new URL("config.yml", location.href), { cache: "no-cache" });
  const config = await response.json();
  window.CMS.init({ config });
});
