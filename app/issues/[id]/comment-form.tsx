"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field, fieldAria } from "../../_components/field";
import { formErrors, type FormErrors } from "../../_components/form-errors";
import { useTRPC } from "../../_trpc/client";

export function CommentForm({ issueId }: { issueId: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<FormErrors>({ message: null, fields: {} });
  const comment = useMutation(trpc.issue.comment.mutationOptions());

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({ message: null, fields: {} });
    try {
      await comment.mutateAsync({ issueId, body });
      setBody("");
      router.refresh();
    } catch (err) {
      setErrors(formErrors(err));
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-2" noValidate>
      <Field
        id="comment-body"
        label="Add a comment"
        hint="Markdown is supported."
        error={errors.fields.body ?? errors.message}
      >
        <textarea
          {...fieldAria("comment-body", {
            hint: true,
            error: errors.fields.body ?? errors.message,
          })}
          rows={4}
          className="input"
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={comment.isPending}>
        {comment.isPending ? "Posting…" : "Post comment"}
      </button>
    </form>
  );
}
