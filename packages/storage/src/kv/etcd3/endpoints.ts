// Endpoints as `--etcd-servers` takes them: a list of URLs, or one
// comma-separated string ("http://10.0.0.1:2379,http://10.0.0.2:2379").

/** Split, trim and check etcd endpoint URLs. Throws on anything that is not http(s)://host:port. */
export function parseEndpoints(endpoints: string | readonly string[]): string[] {
  const list = (typeof endpoints === "string" ? [endpoints] : endpoints)
    .flatMap((entry) => entry.split(","))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (list.length === 0) throw new Error("no etcd endpoints given");
  for (const endpoint of list) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new Error(`invalid etcd endpoint ${JSON.stringify(endpoint)}: expected a URL such as http://127.0.0.1:2379`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new Error(`invalid etcd endpoint ${JSON.stringify(endpoint)}: only http:// and https:// are supported`);
    }
    if (url.port === "" || (url.pathname !== "/" && url.pathname !== "")) {
      throw new Error(`invalid etcd endpoint ${JSON.stringify(endpoint)}: expected scheme://host:port and nothing more`);
    }
  }
  // The etcd3 client wants exactly scheme://host:port (it strips the scheme itself).
  return list.map((endpoint) => endpoint.replace(/\/$/, ""));
}
