/** Generated issue and document texts for the benchmark data set, from the word lists. */
import { CHARTER_ITEM_IDS, type CharterItemId } from "~/server/domain/catalog";
import { DEVICE_CLASSES, SCALES } from "~/server/domain/intake/fields";
import { ITEM_WORDS } from "./item-words";
import { capitalise, pick, type Rand } from "./random";
import { COUNTS, DEVICES, DOC_PREFIXES, NETWORKS, OUTCOME_WISHES, PLACES } from "./words";

/** One routable text per charter item, for issues, filing and routing requests. */
export interface IssueText {
  item: CharterItemId;
  title: string;
  problemStatement: string;
  desiredOutcome: string;
  deviceClass: string;
  scale: string;
  networkType: string;
}

const OPS_SENTENCES = [
  "Our operations team maintains separate tooling for each vendor because of this.",
  "The problem gets worse every time the fleet grows.",
  "Field technicians spend a large part of their time on it.",
  "Customers notice it as outages and long repair times.",
  "We have raised it with the vendors, but each points at the others.",
  "Other operators we spoke to on the list report the same experience.",
] as const;

export function issueText(r: Rand, item: CharterItemId): IssueText {
  const w = ITEM_WORDS[item];
  const other = ITEM_WORDS[pick(r, CHARTER_ITEM_IDS)];
  const device = pick(r, DEVICES);
  const network = pick(r, NETWORKS);
  const place = pick(r, PLACES);
  const topic = pick(r, w.topics);
  const titles = [
    () => `${capitalise(topic)} for ${device} on ${network}`,
    () => `${capitalise(pick(r, w.actions))} in ${place}`,
    () => `Operational gaps in ${topic} for ${device}`,
    () => `How can operators ${pick(r, w.actions)}?`,
    () => `${capitalise(topic)} when ${pick(r, w.triggers)}`,
  ];
  const sentences = [
    `We operate ${pick(r, COUNTS)} ${device} in ${place}, connected over ${network}.`,
    `${capitalise(topic)} is a recurring problem: when ${pick(r, w.triggers)}, devices ${pick(r, w.consequences)}.`,
    `Today there is no interoperable way to ${pick(r, w.actions)}.`,
  ];
  if (r() < 0.6) sentences.push(pick(r, OPS_SENTENCES));
  if (r() < 0.5)
    sentences.push(`It also touches ${pick(r, other.topics)}, because ${pick(r, other.triggers)}.`);
  if (r() < 0.7)
    sentences.push(
      `We would like to ${pick(r, w.actions)} with ${device} from several vendors, and to ${pick(r, w.actions)} as well.`,
    );
  if (r() < 0.4)
    sentences.push(
      `In the worst cases devices ${pick(r, w.consequences)} and ${pick(r, other.consequences)}.`,
    );
  return {
    item,
    title: pick(r, titles)().slice(0, 150),
    problemStatement: sentences.join(" "),
    desiredOutcome: r() < 0.7 ? pick(r, OUTCOME_WISHES) : "",
    deviceClass: r() < 0.8 ? pick(r, DEVICE_CLASSES).id : "",
    scale: r() < 0.8 ? pick(r, SCALES).id : "",
    networkType: r() < 0.7 ? network : "",
  };
}

export function documentText(r: Rand, item: CharterItemId): { title: string; abstract: string } {
  const w = ITEM_WORDS[item];
  const topic = pick(r, w.topics);
  const device = pick(r, DEVICES);
  const abstract = [
    `This document describes ${topic} for ${device} and other constrained devices.`,
    `It explains how operators can ${pick(r, w.actions)}, in particular when ${pick(r, w.triggers)}.`,
    `Without it, devices ${pick(r, w.consequences)}.`,
    r() < 0.6
      ? `The mechanism works over ${pick(r, NETWORKS)} and needs no new infrastructure.`
      : "",
    r() < 0.5 ? `It also covers ${pick(r, w.topics)} and ${pick(r, w.topics)}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return { title: `${pick(r, DOC_PREFIXES)} ${capitalise(topic)}`, abstract };
}

export function slugWords(s: string, n: number): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((x) => x.length > 2 && !["for", "the", "and", "with", "over"].includes(x))
    .slice(0, n)
    .join("-");
}
