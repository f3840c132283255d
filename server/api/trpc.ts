import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import {
  isStorageFull,
  noteDatabaseBack,
  reportFailure,
  STORAGE_FULL_MESSAGE,
  UNAVAILABLE_MESSAGE,
} from "../availability";
import { isDomainError } from "../domain/errors";
import type { Actor } from "../domain/permissions/actor";
import {
  fieldErrorsOf,
  fieldKey,
  summariseIssues,
  type FieldErrorDetails,
} from "../domain/validation/field-errors";
import type { Context } from "./context";
import { toTRPCError } from "./errors";
import { transformer } from "./transformer";

const t = initTRPC.context<Context>().create({
  transformer,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const zod = cause instanceof ZodError ? fieldErrorsOf(cause) : null;
    const domain = isDomainError(cause)
      ? { code: cause.code, details: cause.details ?? null }
      : null;
    const domainFields = domain?.details?.fieldErrors;
    const fieldErrors = zod
      ? withFormErrors(zod)
      : domainFields && typeof domainFields === "object"
        ? Object.fromEntries(
            Object.entries(domainFields as Record<string, string[]>).map(([k, v]) => [
              fieldKey(k),
              v,
            ]),
          )
        : null;
    if (error.code === "INTERNAL_SERVER_ERROR") {
      console.error(`[trpc] request ${ctx?.requestId ?? "?"} failed:`, error.cause ?? error);
      return {
        ...shape,
        message: `Something went wrong on our side. Please try again. (request ${ctx?.requestId ?? "unknown"})`,
        data: {
          ...shape.data,
          stack: undefined,
          requestId: ctx?.requestId ?? null,
          fieldErrors: null,
          domain: null,
        },
      };
    }
    return {
      ...shape,
      message:
        zod && error.code === "BAD_REQUEST" ? summariseIssues(cause as ZodError) : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        requestId: ctx?.requestId ?? null,
        fieldErrors,
        domain,
      },
    };
  },
});

/** Field messages keyed by dotted path ("command.recommendation.rationale"); `_form` for the whole. */
function withFormErrors(d: FieldErrorDetails): Record<string, string[]> {
  return d.formErrors.length
    ? Object.fromEntries([...Object.entries(d.fieldErrors), ["_form", d.formErrors]])
    : d.fieldErrors;
}

/**
 * Maps domain errors raised by services to tRPC errors, in one place; a database
 * out of reach, or out of disk space, is a 503 that says nothing was saved (the
 * transaction never committed).
 */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) throw toTRPCError(result.error.cause);
  if (!result.ok && reportFailure(result.error.cause ?? result.error))
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE });
  if (!result.ok && isStorageFull(result.error.cause ?? result.error)) {
    console.error("[db] a write failed: the database is out of disk space");
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: STORAGE_FULL_MESSAGE });
  }
  if (result.ok) noteDatabaseBack();
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapDomainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do this." });
  return next({ ctx: { ...ctx, actor: ctx.actor satisfies Actor } });
});
