/**
 * Word lists for the generated benchmark data set, written for this benchmark.
 * Text is assembled from these phrases with a seeded PRNG, so every run with the
 * same size produces the same data. Nothing here is copied from a corpus. The
 * phrases of each charter item are in item-words.ts.
 */
export const DEVICES = [
  "battery-powered sensors",
  "smart meters",
  "IP cameras",
  "building controllers",
  "industrial gateways",
  "wearable monitors",
  "street lights",
  "infusion pumps",
  "smart plugs",
  "HVAC controllers",
  "asset trackers",
  "door locks",
  "soil moisture probes",
  "parking sensors",
  "environmental sensors",
  "vehicle telematics units",
] as const;

export const NETWORKS = [
  "Thread",
  "LoRaWAN",
  "6LoWPAN over IEEE 802.15.4",
  "Wi-Fi",
  "NB-IoT",
  "LTE-M",
  "Bluetooth Low Energy",
  "Ethernet",
  "a private 5G network",
  "a mesh of gateways",
] as const;

export const PLACES = [
  "hospitals",
  "factories",
  "farms",
  "retail stores",
  "office buildings",
  "university campuses",
  "water utilities",
  "railway stations",
  "homes",
  "warehouses",
  "city streets",
  "wind farms",
] as const;

export const COUNTS = [
  "a few hundred",
  "about two thousand",
  "tens of thousands of",
  "several hundred thousand",
  "close to a million",
] as const;

export const OUTCOME_WISHES = [
  "Guidance for operators, or a gap analysis for the relevant working group.",
  "A best current practice document written by operators.",
  "An extension to an existing protocol, if one of the working groups agrees.",
  "A list of the existing specifications that already cover this.",
  "A discussion at the next IOTOPS session to see who else has the problem.",
  "Interoperability testing between vendors.",
] as const;

export const FIRST_NAMES = [
  "Alex",
  "Ana",
  "Ben",
  "Carla",
  "Chen",
  "Dara",
  "Elif",
  "Farid",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Kavya",
  "Lars",
  "Mei",
  "Nadia",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sven",
  "Tariq",
  "Uma",
  "Viktor",
  "Wen",
  "Yara",
  "Zoltan",
] as const;

export const LAST_NAMES = [
  "Almeida",
  "Berg",
  "Costa",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Hakimi",
  "Ito",
  "Jansen",
  "Kowalski",
  "Lindqvist",
  "Moreau",
  "Nakamura",
  "Okafor",
  "Petrov",
  "Quist",
  "Rahman",
  "Schmidt",
  "Tanaka",
  "Uddin",
  "Varga",
  "Weber",
  "Yilmaz",
  "Zhang",
] as const;

export const COMMENTS = [
  "Thanks, this is clear. Could you say how many vendors are involved?",
  "We see the same problem in our deployment; happy to help with a draft.",
  "This looks close to existing work; please check the related documents before the meeting.",
  "Added to the agenda of the next interim.",
  "The list discussion suggests a short operational document would be enough.",
  "Please share the slides from the last session here.",
  "Two implementers confirmed they would test an interoperable approach.",
  "The area director asked for a clearer scope before a recommendation.",
] as const;

export const RATIONALES = [
  "The group's charter already covers this problem and its participants asked for operator input.",
  "Existing work in the group addresses most of the gap; a small extension is enough.",
  "The problem is operational and the group has the right expertise to take it on.",
  "The discussion showed consensus that the group is the right home for this work.",
] as const;

export const DOC_PREFIXES = [
  "A YANG Data Model for",
  "Operational Considerations for",
  "Requirements for",
  "A Profile of",
  "Guidance on",
  "An Architecture for",
  "Problem Statement for",
  "Extensions for",
] as const;
