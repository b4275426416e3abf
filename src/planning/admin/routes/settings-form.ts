import type { Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import type { Db } from "../../../db/client.js";
import { AppError } from "../../../errors.js";
import { bodyOf } from "../../../http/forms.js";
import { actorOf } from "../../../http/require-actor.js";
import { validate, type FormFailure, type Input } from "../../../http/validate.js";
import type { T } from "../../../i18n/i18n.js";
import type { Actor } from "../../../lti/actor.js";
import { renderSettings, settingsUrl } from "./render-settings.js";

/** One form of the settings page: its URL's params, its fields, and its name on the page ("host-3"). */
export interface SettingsFormSpec<P extends z.ZodType<{ activityId: number }>, B extends z.ZodType> {
  params: P;
  body: B;
  form: (params: z.infer<P>) => string;
}

/**
 * A form of the settings page: parsed, saved by one command, and back to the page saying which form was saved. A
 * refused form, or one its command refuses (a conflict, an invalid value), is shown again with its messages.
 */
export function settingsForm<P extends z.ZodType<{ activityId: number }>, B extends z.ZodType>(
  db: Db,
  spec: SettingsFormSpec<P, B>,
  save: (input: Input<P, z.ZodUndefined, B>, actor: Actor) => Promise<unknown>,
): RequestHandler {
  const again = (req: Request, res: Response, errors: Record<string, string>) => {
    const params = spec.params.parse(req.params);
    return renderSettings(db, res, params.activityId, {
      failed: { form: spec.form(params), values: bodyOf(req), errors },
    });
  };
  const schemas = {
    params: spec.params,
    body: spec.body,
    invalid: (req: Request, res: Response, f: FormFailure) => again(req, res, f.fieldErrors),
  };
  return validate<P, z.ZodUndefined, B>(schemas, async (input, req, res) => {
    try {
      await save(input, actorOf(res));
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== "conflict" && err.code !== "invalid")) throw err;
      return again(req, res, { form: (res.locals.t as T)(err.messageKey) });
    }
    const params = input.params as z.infer<P>;
    res.redirect(303, `${settingsUrl(params.activityId)}?saved=${spec.form(params)}`);
  });
}
