import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { activities, courseMembers, courses } from "../db/schema.js";
import { LaunchInvalid } from "../errors.js";
import { type Actor, actorFlags, localeFrom } from "../lti/actor.js";
import type { LaunchToken } from "../lti/ltijs-types.js";
import { roleKinds } from "../lti/roles.js";
import { DEFAULT_ACTIVITY_TITLE, LINK_KEY_PARAM, newLinkKey, type CourseRow } from "../activities/index.js";

async function upsertCourse(db: Db, token: LaunchToken, defaultTimezone: string): Promise<CourseRow> {
  const ctx = token.platformContext;
  const context = ctx.context;
  if (!context?.id) throw LaunchInvalid("launch.errors.no_course", {}, 400);
  const values = {
    platformId: token.platformId,
    contextId: context.id,
    label: context.label ?? "",
    title: context.title ?? "",
    timezone: defaultTimezone,
    membershipsUrl: ctx.namesRoles?.context_memberships_url ?? null,
  };
  const [row] = await db
    .insert(courses)
    .values(values)
    .onConflictDoUpdate({
      target: [courses.platformId, courses.contextId],
      set: {
        label: values.label,
        title: values.title,
        ...(values.membershipsUrl ? { membershipsUrl: values.membershipsUrl } : {}),
      },
    })
    .returning();
  if (!row) throw new Error("course upsert returned nothing");
  return row;
}

/** Finds the activity of a resource link: bound before, or made by deep linking and launched for the first time, or new. */
async function resolveActivity(db: Db, course: CourseRow, token: LaunchToken, userId: string): Promise<number> {
  const ctx = token.platformContext;
  const linkId = ctx.resource?.id;
  if (!linkId) throw LaunchInvalid("launch.errors.no_resource_link", {}, 400);
  const lineItemUrl = ctx.endpoint?.lineitem ?? null;
  const [bound] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.courseId, course.id), eq(activities.resourceLinkId, linkId)))
    .limit(1);
  if (bound) {
    if (lineItemUrl && bound.lineItemUrl !== lineItemUrl)
      await db.update(activities).set({ lineItemUrl }).where(eq(activities.id, bound.id));
    return bound.id;
  }
  const linkKey = ctx.custom?.[LINK_KEY_PARAM];
  if (linkKey) {
    const [made] = await db
      .update(activities)
      .set({ resourceLinkId: linkId, ...(lineItemUrl ? { lineItemUrl } : {}) })
      .where(
        and(eq(activities.linkKey, linkKey), eq(activities.courseId, course.id), isNull(activities.resourceLinkId)),
      )
      .returning({ id: activities.id });
    if (made) return made.id;
  }
  const [created] = await db
    .insert(activities)
    .values({
      courseId: course.id,
      resourceLinkId: linkId,
      linkKey: newLinkKey(),
      title: ctx.resource?.title || DEFAULT_ACTIVITY_TITLE,
      hasGradeColumn: Boolean(lineItemUrl),
      lineItemUrl,
      createdBy: userId,
    })
    .onConflictDoNothing()
    .returning({ id: activities.id });
  if (created) return created.id;
  // Two first launches at once: the other one created it.
  const [again] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.courseId, course.id), eq(activities.resourceLinkId, linkId)))
    .limit(1);
  if (!again) throw new Error("activity could not be resolved");
  return again.id;
}

async function upsertLaunchingMember(
  db: Db,
  courseId: number,
  token: LaunchToken,
  roles: string[],
  now: Date,
): Promise<void> {
  const u = token.userInfo ?? {};
  const kinds = roleKinds(roles);
  const values = {
    courseId,
    userId: token.user,
    name: u.name ?? [u.given_name, u.family_name].filter(Boolean).join(" "),
    givenName: u.given_name ?? "",
    familyName: u.family_name ?? "",
    email: u.email ?? null,
    roles,
    isLearner: kinds.has("student") && !kinds.has("lecturer"),
    isEnrolled: true,
    leftAt: null,
    locale: localeFrom(token.platformContext.launchPresentation?.locale),
    updatedAt: now,
  };
  const { courseId: _c, userId: _u, ...set } = values;
  await db
    .insert(courseMembers)
    .values(values)
    .onConflictDoUpdate({ target: [courseMembers.courseId, courseMembers.userId], set });
}

export interface RecordedLaunch {
  actor: Actor;
  course: CourseRow;
}

/**
 * Turns a launch ltijs has verified into our course, activity and member rows and the Actor.
 * Deep-linking launches have no resource link: their actor has no activity.
 */
export async function recordLaunch(
  db: Db,
  token: LaunchToken,
  now: Date,
  defaultTimezone: string,
): Promise<RecordedLaunch> {
  const ctx = token.platformContext;
  const roles = ctx.roles ?? [];
  const course = await upsertCourse(db, token, defaultTimezone);
  const isDeepLinking = ctx.messageType === "LtiDeepLinkingRequest";
  const activityId = isDeepLinking ? null : await resolveActivity(db, course, token, token.user);
  await upsertLaunchingMember(db, course.id, token, roles, now);
  const u = token.userInfo ?? {};
  const actor: Actor = {
    platformId: token.platformId,
    issuer: token.iss,
    clientId: token.clientId,
    deploymentId: token.deploymentId,
    courseId: course.id,
    contextId: course.contextId,
    courseTitle: course.title,
    courseLabel: course.label,
    activityId,
    resourceLinkId: isDeepLinking ? null : (ctx.resource?.id ?? null),
    userId: token.user,
    moodleUserId: token.user,
    name: u.name ?? [u.given_name, u.family_name].filter(Boolean).join(" "),
    email: u.email ?? null,
    roles,
    ...actorFlags(roles),
    locale: localeFrom(ctx.launchPresentation?.locale),
    returnUrl: ctx.launchPresentation?.return_url ?? null,
  };
  return { actor, course };
}
