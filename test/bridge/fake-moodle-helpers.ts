import type { FakeMoodle, FakeMoodleCall } from "../../moodle-ws-client/test/support/fake-moodle.js";

/**
 * Takes functions out of the fake's external service the way Moodle does: calling them gives `accessexception`,
 * and site info no longer lists them (the fake answers site info from its recording, so that is set here).
 */
export function removeFromService(fake: FakeMoodle, ...names: string[]): void {
  for (const name of names) fake.serviceFunctions.delete(name);
  const info = fake.fixture("core_webservice_get_site_info") as { functions: { name: string }[] };
  fake.setResponse("core_webservice_get_site_info", { ...info, functions: info.functions.filter((f) => fake.serviceFunctions.has(f.name)) });
}

/** Moodle's nopermissions answer (shape of the recorded errors-*-nopermissions.json) for another permission name. */
export function noPermission(permission: string) {
  return { exception: "required_capability_exception", errorcode: "nopermissions", message: `Sorry, but you do not currently have permissions to do that (${permission}).` };
}

/**
 * Answers core_message_send_instant_messages with one entry per message, shaped like the recordings: a msgid for
 * each sent one, and `msgid: -1` with Moodle's errormessage (errors-core_message_send_instant_messages-baduser.json)
 * for the user ids in `refuse`.
 */
export function answerMessages(fake: FakeMoodle, refuse: ReadonlySet<number> = new Set()): void {
  let next = 100;
  fake.setResponse("core_message_send_instant_messages", (call: FakeMoodleCall) => {
    const messages = (call.params.messages ?? []) as { touserid: string; text: string; clientmsgid?: string }[];
    return messages.map((m) =>
      refuse.has(Number(m.touserid))
        ? { msgid: -1, errormessage: `You cannot send a message to a user ID (${m.touserid}) that doesn't exist.`, candeletemessagesforallusers: false }
        : { msgid: next++, clientmsgid: m.clientmsgid, text: m.text, timecreated: 1795461272, conversationid: next, useridfrom: 2, candeletemessagesforallusers: true },
    );
  });
}

/** The calls the fake received for one function. */
export function callsOf(fake: FakeMoodle, wsfunction: string): FakeMoodleCall[] {
  return fake.calls.filter((c) => c.wsfunction === wsfunction);
}
