CREATE TABLE "confidential_search_terms" (
	"term" text NOT NULL,
	"issue_id" integer NOT NULL,
	CONSTRAINT "confidential_search_terms_term_issue_id_pk" PRIMARY KEY("term","issue_id")
);
--> statement-breakpoint
ALTER TABLE "confidential_search_terms" ADD CONSTRAINT "confidential_search_terms_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "confidential_search_terms_trgm_idx" ON "confidential_search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "confidential_search_terms_issue_idx" ON "confidential_search_terms" USING btree ("issue_id");--> statement-breakpoint
-- Statement-level triggers, like those of search_terms: one INSERT per statement.
CREATE FUNCTION confidential_terms_from_issues() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO confidential_search_terms (term, issue_id)
    SELECT DISTINCT w, r.id FROM new_rows r, search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) AS w
    WHERE r.confidential
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO confidential_search_terms (term, issue_id)
    SELECT DISTINCT w, r.id FROM new_rows r, search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) AS w
    WHERE r.confidential
      AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = r.id AND o.search_text = r.search_text AND o.confidential)
    ON CONFLICT DO NOTHING;
    -- An issue made confidential brings its comments' words; one made public leaves.
    INSERT INTO confidential_search_terms (term, issue_id)
    SELECT DISTINCT w, r.id FROM new_rows r JOIN old_rows o ON o.id = r.id
      JOIN issue_comments c ON c.issue_id = r.id, search_terms_of(c.body) AS w
    WHERE r.confidential AND NOT o.confidential
    ON CONFLICT DO NOTHING;
    DELETE FROM confidential_search_terms t USING new_rows r, old_rows o
    WHERE t.issue_id = r.id AND o.id = r.id AND o.confidential AND NOT r.confidential;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER issues_confidential_terms_insert AFTER INSERT ON issues
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION confidential_terms_from_issues();--> statement-breakpoint
CREATE TRIGGER issues_confidential_terms_update AFTER UPDATE ON issues
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION confidential_terms_from_issues();--> statement-breakpoint
CREATE FUNCTION confidential_terms_from_issue_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO confidential_search_terms (term, issue_id)
    SELECT DISTINCT w, r.issue_id FROM new_rows r JOIN issues i ON i.id = r.issue_id, search_terms_of(r.body) AS w
    WHERE i.confidential
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO confidential_search_terms (term, issue_id)
    SELECT DISTINCT w, r.issue_id FROM new_rows r JOIN issues i ON i.id = r.issue_id, search_terms_of(r.body) AS w
    WHERE i.confidential
      AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = r.id AND o.search_text = r.search_text)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER issue_comments_confidential_terms_insert AFTER INSERT ON issue_comments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION confidential_terms_from_issue_comments();--> statement-breakpoint
CREATE TRIGGER issue_comments_confidential_terms_update AFTER UPDATE ON issue_comments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION confidential_terms_from_issue_comments();--> statement-breakpoint
INSERT INTO confidential_search_terms (term, issue_id)
  SELECT DISTINCT w, r.id FROM issues r, search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) AS w
  WHERE r.confidential ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO confidential_search_terms (term, issue_id)
  SELECT DISTINCT w, c.issue_id FROM issue_comments c JOIN issues i ON i.id = c.issue_id, search_terms_of(c.body) AS w
  WHERE i.confidential ON CONFLICT DO NOTHING;
