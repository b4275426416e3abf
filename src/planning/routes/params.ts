import type { NextFunction, Request, Response } from "express";
import { z } from "zod";
import { NotFound } from "../../errors.js";
import { activityParams, id, isCalendarDate } from "../../http/validate.js";

/** The study-day area of an activity, as routes write it. */
export const BASE = "/activities/:activityId/study-days";

/** The study-day area of an activity, as links and redirects write it. */
export const studyDaysUrl = (activityId: number) => `/activities/${activityId}/study-days`;

/** A class of the area; a class id that is not an id is a missing class. */
export const classParams = activityParams.extend({ classId: id });

/** A study day of the area; `studyDate` has refused a date that is not on the calendar before this is parsed. */
export const dayParams = activityParams.extend({ date: z.string() });

/** A day's date in the URL that is not a real calendar date: 404 "Invalid date." (not the plain "not found"). */
export function studyDate(req: Request, _res: Response, next: NextFunction): void {
  next(isCalendarDate(String(req.params.date)) ? undefined : NotFound("planning.errors.bad_date"));
}

/** A redirect's result in the query string: kept when it is one string, ignored otherwise (it is only shown). */
export const shown = z.string().optional().catch(undefined);
