import { expect } from "chai";
import { pino } from "pino";
import { workerJobs, type WorkerDeps } from "../../src/jobs/index.js";
import { createZoomClient } from "../../src/planning/zoom/zoom-client.js";

describe("the worker's jobs", () => {
  const zoom = createZoomClient({
    accountId: "a",
    clientId: "c",
    clientSecret: "s",
    apiUrl: "http://127.0.0.1:9/v2",
    oauthUrl: "http://127.0.0.1:9/oauth/token",
  });
  const deps = (extra: Partial<WorkerDeps>) =>
    ({ db: {}, encryptionKey: "k", logger: pino({ level: "silent" }), delivery: {}, ...extra }) as WorkerDeps;
  const names = (extra: Partial<WorkerDeps>) => workerJobs(deps(extra)).map((j) => j.name);

  it("polls Zoom's meetings only when Zoom is configured without webhooks", () => {
    expect(names({ zoom, zoomWebhooks: false })).to.include("zoom-meeting-poll");
    expect(names({ zoom, zoomWebhooks: true })).not.to.include("zoom-meeting-poll");
    expect(names({ zoom: null })).not.to.include("zoom-meeting-poll");
  });
});
