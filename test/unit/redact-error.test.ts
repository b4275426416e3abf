import { expect } from "chai";
import { DrizzleQueryError } from "drizzle-orm";
import { redactError } from "../../src/http/redact-error.js";

describe("database errors as logged", () => {
  it("keeps drizzle's statement text but drops its parameters from the fields, the message and the stack", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "checkin_marks_pk"'), {
      code: "23505",
      constraint: "checkin_marks_pk",
      table: "checkin_marks",
      detail: "Key (device_token)=(dev-SECRET-token) already exists.",
    });
    const err = new DrizzleQueryError(
      'insert into "checkin_marks" ("device_token", "ip") values ($1, $2)',
      ["dev-SECRET-token", "192.0.2.77\nsecond line"],
      cause,
    );
    const out = JSON.stringify(redactError(err));
    expect(out).to.include('insert into \\"checkin_marks\\"');
    expect(out).to.include("23505").and.include("checkin_marks_pk");
    expect(out).to.not.include("dev-SECRET-token");
    expect(out).to.not.include("192.0.2.77");
    expect(out).to.not.include("second line");
  });

  it("hides the value PostgreSQL quotes in a data exception (SQLSTATE class 22)", () => {
    const err = Object.assign(new Error('invalid input syntax for type uuid: "sess-SECRET"'), { code: "22P02" });
    const out = JSON.stringify(redactError(err));
    expect(out).to.not.include("sess-SECRET");
    expect(out).to.include("invalid input syntax for type uuid");
  });
});
