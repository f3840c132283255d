-- The word list behind typo-tolerant search: every distinct lower-cased word of the
-- searchable texts. Statement-level triggers add the words of new and changed rows
-- (one INSERT per statement, so bulk loads stay cheap); words are never removed,
-- since a stale word only widens a misspelt search to a word that matches nothing.
CREATE FUNCTION search_terms_of(body text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', body))) AS w
  WHERE length(w) BETWEEN 3 AND 40 AND w ~ '[[:alpha:]]'
$$;--> statement-breakpoint
CREATE FUNCTION search_terms_from_issues() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) AS w
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) AS w
    WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = r.id AND o.search_text = r.search_text)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER issues_search_terms_insert AFTER INSERT ON issues
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_from_issues();--> statement-breakpoint
CREATE TRIGGER issues_search_terms_update AFTER UPDATE ON issues
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_from_issues();--> statement-breakpoint
INSERT INTO search_terms (term)
  SELECT DISTINCT w FROM issues r, search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) AS w ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE FUNCTION search_terms_from_issue_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.body) AS w
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.body) AS w
    WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = r.id AND o.search_text = r.search_text)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER issue_comments_search_terms_insert AFTER INSERT ON issue_comments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_from_issue_comments();--> statement-breakpoint
CREATE TRIGGER issue_comments_search_terms_update AFTER UPDATE ON issue_comments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_from_issue_comments();--> statement-breakpoint
INSERT INTO search_terms (term)
  SELECT DISTINCT w FROM issue_comments r, search_terms_of(r.body) AS w ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE FUNCTION search_terms_from_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.name || ' ' || r.title || ' ' || r.abstract) AS w
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.name || ' ' || r.title || ' ' || r.abstract) AS w
    WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.name = r.name AND o.search_text = r.search_text)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER documents_search_terms_insert AFTER INSERT ON documents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_from_documents();--> statement-breakpoint
CREATE TRIGGER documents_search_terms_update AFTER UPDATE ON documents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_from_documents();--> statement-breakpoint
INSERT INTO search_terms (term)
  SELECT DISTINCT w FROM documents r, search_terms_of(r.name || ' ' || r.title || ' ' || r.abstract) AS w ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE FUNCTION search_terms_from_groups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.acronym || ' ' || r.name || ' ' || r.summary) AS w
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO search_terms (term)
    SELECT DISTINCT w FROM new_rows r, search_terms_of(r.acronym || ' ' || r.name || ' ' || r.summary) AS w
    WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.acronym = r.acronym AND o.search_text = r.search_text)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER groups_search_terms_insert AFTER INSERT ON groups
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_from_groups();--> statement-breakpoint
CREATE TRIGGER groups_search_terms_update AFTER UPDATE ON groups
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_from_groups();--> statement-breakpoint
INSERT INTO search_terms (term)
  SELECT DISTINCT w FROM groups r, search_terms_of(r.acronym || ' ' || r.name || ' ' || r.summary) AS w ON CONFLICT DO NOTHING;
