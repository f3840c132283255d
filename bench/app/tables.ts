/**
 * The bulk-insert tables the benchmark data set is written through. Column
 * names and SQL types come from the Drizzle schema itself (`getTableColumns`),
 * so a renamed or retyped column changes the generator with it, and a column
 * that no longer exists fails to type-check here. Rows are pushed as values in
 * the order of the keys listed.
 */
import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import {
  dispatchedRevisions,
  documentAuthors,
  documentReplacements,
  documentRevisions,
  documentStates,
  documents,
  events,
  issueComments,
  issueDocuments,
  issues,
  people,
  roleGrants,
} from "~/db/schema";
import { BulkTable, type Column, type ColumnType, type RawClient } from "./bulk";

const TYPES: Readonly<Record<string, ColumnType>> = {
  serial: "int",
  integer: "int",
  bigserial: "bigint",
  bigint: "bigint",
  text: "text",
  boolean: "bool",
  real: "real",
  date: "date",
  "timestamp with time zone": "timestamptz",
  jsonb: "jsonb",
  "text[]": "textarray",
};

/** The named columns of `table`, with their SQL names and types from the schema. */
export function schemaColumns<T extends Table>(
  table: T,
  keys: readonly (keyof T["_"]["columns"] & string)[],
): Column[] {
  const columns = getTableColumns(table);
  return keys.map((key) => {
    const column = columns[key]!;
    const type = TYPES[column.getSQLType()];
    if (!type)
      throw new Error(
        `${getTableName(table)}.${column.name}: no bulk type for ${column.getSQLType()}`,
      );
    return { name: column.name, type };
  });
}

function bulk<T extends Table>(
  client: RawClient,
  table: T,
  keys: readonly (keyof T["_"]["columns"] & string)[],
): BulkTable {
  return new BulkTable(client, getTableName(table), schemaColumns(table, keys));
}

export function tables(client: RawClient) {
  return {
    people: bulk(client, people, ["id", "email", "name", "passwordHash", "createdAt"]),
    roleGrants: bulk(client, roleGrants, ["personId", "role", "groupAcronym"]),
    documents: bulk(client, documents, [
      "name",
      "rev",
      "title",
      "abstract",
      "stream",
      "groupAcronym",
      "intendedStdLevel",
      "shepherd",
      "ad",
      "tags",
      "createdAt",
      "updatedAt",
    ]),
    documentStates: bulk(client, documentStates, ["documentName", "stateType", "slug"]),
    documentRevisions: bulk(client, documentRevisions, ["documentName", "rev", "date"]),
    documentAuthors: bulk(client, documentAuthors, ["documentName", "name", "email", "position"]),
    documentReplacements: bulk(client, documentReplacements, ["source", "target"]),
    issues: bulk(client, issues, [
      "id",
      "title",
      "problemStatement",
      "deviceClass",
      "scale",
      "networkType",
      "desiredOutcome",
      "interestedPeople",
      "readiness",
      "state",
      "charterItem",
      "suggestedCharterItem",
      "suggestedCharterScore",
      "suggestedGroup",
      "suggestion",
      "area",
      "submitterId",
      "responsibleChairId",
      "confidential",
      "recommendation",
      "closedReason",
      "duplicateOf",
      "infoRequest",
      "createdAt",
      "updatedAt",
      "dispatchedAt",
      "version",
    ]),
    issueDocuments: bulk(client, issueDocuments, ["issueId", "documentName", "createdAt"]),
    issueComments: bulk(client, issueComments, ["issueId", "authorId", "body", "createdAt"]),
    dispatchedRevisions: bulk(client, dispatchedRevisions, [
      "documentName",
      "rev",
      "issueId",
      "createdAt",
    ]),
    events: bulk(client, events, [
      "subjectType",
      "subjectKey",
      "type",
      "actorId",
      "actorCapacity",
      "groupAcronym",
      "payload",
      "createdAt",
    ]),
  };
}

export type Tables = ReturnType<typeof tables>;
