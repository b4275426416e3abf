import http from "node:http";

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A phone opening a scanned check-in link, as a browser navigation (Sec-Fetch-Mode: navigate), answered as JSON.
 * Node's fetch cannot send that: undici always says `Sec-Fetch-Mode: cors`, which the link refuses to act on
 * (src/checkin/preview-fetch.ts), so this goes through node:http. Rejects when there is no answer at all.
 */
export function scanAsPhone(url: string, cookie: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      {
        agent,
        headers: {
          cookie,
          accept: "application/json",
          "sec-fetch-mode": "navigate",
          "sec-fetch-dest": "document",
          "sec-fetch-site": "none",
          "user-agent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile",
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
  });
}
