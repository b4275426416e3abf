import { roleKinds } from "./roles.js";

export type Locale = "lv" | "en";

/** Who is acting, taken only from a verified LTI launch. Every query is scoped by its platform and course. */
export interface Actor {
  platformId: string;
  issuer: string;
  clientId: string;
  deploymentId: string;
  courseId: number;
  contextId: string;
  courseTitle: string;
  courseLabel: string;
  activityId: number | null;
  resourceLinkId: string | null;
  userId: string;
  moodleUserId: string;
  name: string;
  email: string | null;
  roles: string[];
  isLecturer: boolean;
  isStudent: boolean;
  isAdmin: boolean;
  locale: Locale;
  returnUrl: string | null;
}

/** `lv`, `lv_LV`, `lv-LV` -> lv; any English -> en; everything else falls back to Latvian. */
export function localeFrom(raw: string | undefined | null): Locale {
  const tag = (raw ?? "").toLowerCase();
  if (tag.startsWith("en")) return "en";
  return "lv";
}

/** The role flags of an actor from its LTI roles. */
export function actorFlags(roles: readonly string[]): Pick<Actor, "isLecturer" | "isStudent" | "isAdmin"> {
  const kinds = roleKinds(roles);
  return {
    isLecturer: kinds.has("lecturer"),
    isStudent: kinds.has("student") && !kinds.has("lecturer"),
    isAdmin: kinds.has("admin"),
  };
}
