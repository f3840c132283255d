/**
 * One-line meanings of Datatracker states, in plain words, written for this
 * project (the Datatracker has no such field). `scripts/generate-vocabulary.ts`
 * merges them into the generated vocabulary; a meaning for a slug the shared data
 * does not have is an error there.
 */

export const STATE_MEANINGS: { readonly [stateType: string]: { readonly [slug: string]: string } } =
  {
    draft: {
      active: "The latest revision is current and has not expired.",
      expired:
        "No new revision appeared within the expiry period, so the draft is no longer current.",
      rfc: "The draft was published as an RFC.",
      repl: "Another draft has taken over this work; follow the replacing document.",
      "auth-rm": "The authors withdrew the draft.",
      "ietf-rm": "The IETF (for example the IESG or a stream manager) withdrew the draft.",
    },
    "draft-stream-ietf": {
      "wg-cand":
        "The chairs have listed the draft as one the WG might adopt; no adoption call has started.",
      "c-adopt":
        "The chairs have asked the WG list whether to adopt the draft, and that call is still open.",
      "adopt-wg":
        "The WG agreed to adopt the draft; the renamed draft-ietf-<wg> version may not be posted yet.",
      info: "The WG keeps the draft as background material only; it is not meant to become an RFC.",
      "wg-doc": "A WG work item that the group is actively developing.",
      parked: "A WG work item on hold, e.g. while it has no editor or waits on other work.",
      dead: "The WG stopped working on the draft; it can be revived if the WG agrees.",
      "wg-lc": "The WG last call is open: the group is checking that the draft is ready.",
      "waiting-for-implementation":
        "Last call is done, but the WG wants running, ideally interoperable, code before moving on.",
      "held-by-wg": "The WG is holding the draft on purpose after last call; the history says why.",
      "chair-w":
        "Last call has ended; the chairs wait for open comments to be resolved before calling consensus.",
      writeupw:
        "The WG has consensus and the shepherd is preparing the write-up for the publication request.",
      "sub-pub": "The WG has requested publication; the IESG state shows what happens next.",
    },
    "draft-iesg": {
      idexists: "The IESG is not (or no longer) processing the draft.",
      "pub-req": "Publication has been requested; the responsible AD has not started on it.",
      "ad-eval":
        "The responsible AD is checking whether the draft is ready for IETF last call or IESG review.",
      "review-e": "The AD has asked an expert or a directorate to review the draft.",
      "lc-req": "The AD has asked for an IETF last call, which has not been announced yet.",
      lc: "The IETF-wide last call is open for community comments.",
      writeupw: "Last call is over and the AD still has to write the ballot text.",
      goaheadw: "Last-call comments are being worked through; the AD decides when to go on.",
      "iesg-eva": "The IESG is balloting on the draft, usually ahead of a telechat.",
      defer: "The ballot was postponed to a later telechat at an AD's request.",
      approved: "The IESG approved the draft; the approval has not been announced yet.",
      ann: "The approval has been announced and the draft handed to the RFC Editor.",
      rfcqueue: "The RFC Editor is preparing the draft for publication.",
      pub: "The draft is out as an RFC.",
      nopubadw:
        "The IESG decided against publication; the AD still has to write the note explaining it.",
      nopubanw: "The do-not-publish note is written; the announcement has not gone out yet.",
      watching: "The AD follows the draft informally; nobody has requested publication.",
      dead: "The IESG has stopped processing the draft, e.g. because it was withdrawn or replaced.",
    },
    "draft-rfceditor": {
      auth: "Waiting for the authors to respond.",
      auth48: "In the authors' final review before publication.",
      "auth48-done": "Every author has signed off on the final text.",
      edit: "Approved by the stream; the RFC Editor has not started editing.",
      iana: "Editing is finished; waiting for IANA to complete its actions.",
      "iana-crd": "The RFC Editor and IANA are lining up the registry entries.",
      iesg: "Waiting for the IESG to act.",
      isr: "The Independent Submissions Editor is reviewing the document.",
      "isr-auth":
        "An independent submission waiting on its authors or on further talks with the ISE.",
      ref: "Waiting for a normatively referenced document to be ready.",
      missref: "A normative reference has not reached the RFC Editor yet.",
      "rfc-edit": "The RFC Editor's last pass before AUTH48.",
      timeout: "Waiting out the period allowed for an IESG conflict review.",
      "tooling-issue": "Waiting for a fix in the publication tools.",
    },
  };

export const GROUP_STATE_MEANINGS: { readonly [slug: string]: string } = {
  abandon: "The group was never formed, e.g. a BoF or proposed WG that did not go ahead.",
  replaced: "A group with a different acronym took over.",
};
