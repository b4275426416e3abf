/**
 * chai 6 ships no type declarations and @types/chai is not installed in this repo, so this declares
 * the part of chai's `expect` API the tests use. Extend it when a test needs another assertion.
 */
declare module "chai" {
  interface Assertion {
    to: Assertion;
    be: Assertion;
    been: Assertion;
    is: Assertion;
    that: Assertion;
    which: Assertion;
    and: Assertion;
    has: Assertion;
    have: Assertion;
    with: Assertion;
    of: Assertion;
    not: Assertion;
    deep: Assertion;
    ok: Assertion;
    true: Assertion;
    false: Assertion;
    null: Assertion;
    undefined: Assertion;
    empty: Assertion;
    equal(value: unknown, message?: string): Assertion;
    eql(value: unknown, message?: string): Assertion;
    include(value: unknown, message?: string): Assertion;
    contain(value: unknown, message?: string): Assertion;
    match(re: RegExp, message?: string): Assertion;
    property(name: string, value?: unknown): Assertion;
    length(n: number, message?: string): Assertion;
    lengthOf(n: number, message?: string): Assertion;
    instanceOf(ctor: abstract new (...args: never[]) => unknown, message?: string): Assertion;
    a(type: string, message?: string): Assertion;
    an(type: string, message?: string): Assertion;
    greaterThan(n: number, message?: string): Assertion;
    lessThan(n: number, message?: string): Assertion;
    at: { least(n: number): Assertion; most(n: number): Assertion };
    members(values: unknown[], message?: string): Assertion;
    throw(expected?: unknown, pattern?: RegExp | string): Assertion;
    oneOf(values: unknown[], message?: string): Assertion;
  }
  export function expect(value: unknown, message?: string): Assertion;
}
