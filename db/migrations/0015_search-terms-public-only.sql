-- The word list behind typo-tolerant search holds only words that anyone may read: those
-- of public issues and of their comments, documents and groups. A confidential issue's
-- words stayed out of it, or whether a misspelt word was "known" (and so not widened to
-- similar public words) would tell anyone that some text they may not see contains it.
-- The words of confidential issues a reader may see are added per search
-- (server/services/search/text-query.ts). An issue made public brings its words and
-- its comments' words; words are still never removed.
CREATE OR REPLACE FUNCTION search_terms_from_issues() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) AS w
    WHERE NOT r.confidential
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) AS w
    WHERE NOT r.confidential
      AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = r.id AND o.search_text = r.search_text AND NOT o.confidential)
    ON CONFLICT DO NOTHING;
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r JOIN old_rows o ON o.id = r.id
      JOIN issue_comments c ON c.issue_id = r.id, search_terms_of(c.body) AS w
    WHERE o.confidential AND NOT r.confidential
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_terms_from_issue_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r JOIN issues i ON i.id = r.issue_id, search_terms_of(r.body) AS w
    WHERE NOT i.confidential
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r JOIN issues i ON i.id = r.issue_id, search_terms_of(r.body) AS w
    WHERE NOT i.confidential
      AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = r.id AND o.search_text = r.search_text)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DELETE FROM search_terms;--> statement-breakpoint
INSERT INTO search_terms (term)
  SELECT DISTINCT w FROM issues r, search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) AS w
  WHERE NOT r.confidential ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO search_terms (term)
  SELECT DISTINCT w FROM issue_comments r JOIN issues i ON i.id = r.issue_id, search_terms_of(r.body) AS w
  WHERE NOT i.confidential ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO search_terms (term)
  SELECT DISTINCT w FROM documents r, search_terms_of(r.name || ' ' || r.title || ' ' || r.abstract) AS w ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO search_terms (term)
  SELECT DISTINCT w FROM groups r, search_terms_of(r.acronym || ' ' || r.name || ' ' || r.summary) AS w ON CONFLICT DO NOTHING;
