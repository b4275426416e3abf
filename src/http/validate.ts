import type { NextFunction, Request, RequestHandler, Response } from "express";
import { DateTime } from "luxon";
import { z } from "zod";
import { Invalid, NotFound } from "../errors.js";
import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";
import { bodyOf, fieldErrors, MAX_ID } from "./forms.js";

/** A row id in a URL: a positive integer PostgreSQL's `integer` can hold; anything else is a missing row. */
export const id = z.coerce.number().int().min(1).max(MAX_ID);

/** Years a date typed into a form or filter may have: any college's timetable, and nothing PostgreSQL or JS dates choke on (year 0000). */
export const YEARS = { min: 1900, max: 2999 };

/** A real calendar date written YYYY-MM-DD, in YEARS. */
export function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = DateTime.fromISO(v, { zone: "utc" });
  return d.isValid && d.year >= YEARS.min && d.year <= YEARS.max;
}

/** The params of every page of an activity. */
export const activityParams = z.object({ activityId: id });

/** A refused form as its page shows it again: the first message per field, and what the user typed. */
export interface FormFailure {
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

interface Schemas<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params?: P;
  query?: Q;
  body?: B;
  /** Shows the form again (status 400) when the body is refused; without it a bad body is a plain 400 page. */
  invalid?: (req: Request, res: Response, failure: FormFailure) => Promise<unknown>;
}

type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** What a route receives: its params, query and body, each already parsed by its schema. */
export interface Input<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

/**
 * The one way a route reads its input: params, query and body through their zod schemas, then the handler.
 * A bad id in the URL is NotFound (the same answer as a missing row), a bad query is Invalid, and a refused
 * body re-renders its form through `invalid` with the field messages and the user's values.
 */
export function validate<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  schemas: Schemas<P, Q, B>,
  handler: (input: Input<P, Q, B>, req: Request, res: Response) => Promise<unknown>,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const params = schemas.params?.safeParse(req.params);
      if (params && !params.success) throw NotFound();
      const query = schemas.query?.safeParse(req.query);
      if (query && !query.success) throw Invalid();
      const body = schemas.body?.safeParse(req.body ?? {});
      if (body && !body.success) {
        if (!schemas.invalid) throw Invalid();
        const failure = { fieldErrors: fieldErrors(body.error, res.locals.t as T), values: bodyOf(req) };
        res.status(400);
        return void (await schemas.invalid(req, res, failure));
      }
      await handler({ params: params?.data, query: query?.data, body: body?.data } as Input<P, Q, B>, req, res);
    } catch (err) {
      next(err);
    }
  };
}

/**
 * A form that saves and goes back (303, so a reload does not post again): the actor's request, parsed by
 * `validate`, handed to one command; `back` names the page to return to.
 */
export function saveForm<P extends z.ZodType, B extends z.ZodType>(
  schemas: Schemas<P, z.ZodUndefined, B>,
  action: (input: Input<P, z.ZodUndefined, B>, actor: Actor) => Promise<unknown>,
  back: (req: Request) => string,
): RequestHandler {
  return validate(schemas, async (input, req, res) => {
    await action(input, res.locals.actor as Actor);
    res.redirect(303, back(req));
  });
}
