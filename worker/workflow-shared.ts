// The one module the workflow sandbox preloads and shares (worker/shared-modules.ts): every domain/
// module the workflows import (test/worker/shared-modules.test.ts keeps this list equal to theirs),
// evaluated once per workflow thread instead of once per cached workflow.
//
// The SDK deep-freezes what it shares. zod 4 builds a schema's methods and derived members on first
// read and stores them on the schema (an own property): on a frozen schema that first read throws
// "Cannot define property safeParse, object is not extensible". So, before the freeze, every schema
// reachable from these modules reads all its members once (settle): after that nothing is left for
// zod to store, and a schema built at run time (not shared) is not frozen at all.
// Two more writes happen on a schema's parses, not its reads: the memoizer's (turned off in the
// sandbox, worker/zod-warm.ts) and `pattern.lastIndex = 0` before each regex check (`unfreezable`).
import * as advisory_session_proposal from '../domain/advisory-session-proposal.js';
import * as auth from '../domain/auth.js';
import * as biennium from '../domain/biennium.js';
import * as campaign_contract from '../domain/campaign.contract.js';
import * as campaign from '../domain/campaign.js';
import * as coordinator_meeting_contract from '../domain/coordinator-meeting.contract.js';
import * as coordinator_meeting from '../domain/coordinator-meeting.js';
import * as donor_contact_contract from '../domain/donor-contact.contract.js';
import * as donor_contact from '../domain/donor-contact.js';
import * as duration from '../domain/duration.js';
import * as election_contract from '../domain/election.contract.js';
import * as election from '../domain/election.js';
import * as membership_call_contract from '../domain/membership-call.contract.js';
import * as membership_call from '../domain/membership-call.js';
import * as messages_acknowledgement from '../domain/messages/acknowledgement.js';
import * as messages_advisory_session_proposal from '../domain/messages/advisory-session-proposal.js';
import * as messages_auth from '../domain/messages/auth.js';
import * as messages_campaign from '../domain/messages/campaign.js';
import * as messages_coordinator_meeting from '../domain/messages/coordinator-meeting.js';
import * as messages_donor_contact from '../domain/messages/donor-contact.js';
import * as messages_election from '../domain/messages/election.js';
import * as messages_format from '../domain/messages/format.js';
import * as messages_index from '../domain/messages/index.js';
import * as messages_membership_call from '../domain/messages/membership-call.js';
import * as messages_partner_inquiry from '../domain/messages/partner-inquiry.js';
import * as messages_partnership from '../domain/messages/partnership.js';
import * as messages_pledge from '../domain/messages/pledge.js';
import * as messages_progress_report from '../domain/messages/progress-report.js';
import * as messages_reporting_requirement from '../domain/messages/reporting-requirement.js';
import * as messages_survey from '../domain/messages/survey.js';
import * as messages_terms from '../domain/messages/terms.js';
import * as messages_work_plan_output from '../domain/messages/work-plan-output.js';
import * as messages_workshop from '../domain/messages/workshop.js';
import * as money from '../domain/money.js';
import * as notification from '../domain/notification.js';
import * as partnership_contract from '../domain/partnership.contract.js';
import * as partnership from '../domain/partnership.js';
import * as pledge_contract from '../domain/pledge.contract.js';
import * as pledge from '../domain/pledge.js';
import * as progress_report from '../domain/progress-report.js';
import * as reminders from '../domain/reminders.js';
import * as reporting_requirement_contract from '../domain/reporting-requirement.contract.js';
import * as reporting_requirement from '../domain/reporting-requirement.js';
import * as schemas from '../domain/schemas.js';
import * as sha256 from '../domain/sha256.js';
import * as survey_contract from '../domain/survey.contract.js';
import * as survey from '../domain/survey.js';
import * as visibility from '../domain/visibility.js';
import * as work_plan_output_contract from '../domain/work-plan-output.contract.js';
import * as work_plan_output from '../domain/work-plan-output.js';
import * as workshop_contract from '../domain/workshop.contract.js';
import * as workshop from '../domain/workshop.js';

const MODULES: object[] = [
  advisory_session_proposal,
  auth,
  biennium,
  campaign_contract,
  campaign,
  coordinator_meeting_contract,
  coordinator_meeting,
  donor_contact_contract,
  donor_contact,
  duration,
  election_contract,
  election,
  membership_call_contract,
  membership_call,
  messages_acknowledgement,
  messages_advisory_session_proposal,
  messages_auth,
  messages_campaign,
  messages_coordinator_meeting,
  messages_donor_contact,
  messages_election,
  messages_format,
  messages_index,
  messages_membership_call,
  messages_partner_inquiry,
  messages_partnership,
  messages_pledge,
  messages_progress_report,
  messages_reporting_requirement,
  messages_survey,
  messages_terms,
  messages_work_plan_output,
  messages_workshop,
  money,
  notification,
  partnership_contract,
  partnership,
  pledge_contract,
  pledge,
  progress_report,
  reminders,
  reporting_requirement_contract,
  reporting_requirement,
  schemas,
  sha256,
  survey_contract,
  survey,
  visibility,
  work_plan_output_contract,
  work_plan_output,
  workshop_contract,
  workshop,
];

/** Reads every getter of `obj` and of its prototypes (zod's lazy members), so each is stored now. */
function materialize(obj: object): void {
  for (let proto: object | null = obj; proto && proto !== Object.prototype && proto !== Function.prototype;) {
    for (const key of Reflect.ownKeys(proto)) {
      const d = Reflect.getOwnPropertyDescriptor(proto, key);
      if (!d?.get || key === '__proto__') continue;
      try {
        Reflect.get(obj, key);
      } catch {
        // A member that cannot be built for this schema is not built at run time either.
      }
    }
    proto = Reflect.getPrototypeOf(proto);
  }
}

const REGEXP_METHODS = new Set<PropertyKey>(
  Reflect.ownKeys(RegExp.prototype).filter(
    (k) => typeof Reflect.getOwnPropertyDescriptor(RegExp.prototype, k)?.value === 'function',
  ),
);

/**
 * A copy of `re` the SDK's freeze leaves writable. zod sets a pattern's `lastIndex` to 0 before each
 * test; on a frozen RegExp that assignment throws ("Cannot assign to read only property
 * 'lastIndex'"), and `lastIndex` is a data property no RegExp can trade for an accessor. The SDK's
 * deepFreeze skips a child it cannot freeze (it catches), and a proxy that refuses
 * preventExtensions cannot be frozen; reads go to the copy (the proxy's only owner), and RegExp
 * methods are bound to it, since they need a real RegExp as `this`.
 */
function unfreezable(re: RegExp): RegExp {
  const own = new RegExp(re.source, re.flags);
  return new Proxy(own, {
    preventExtensions: () => false,
    get: (target, key) => {
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' && REGEXP_METHODS.has(key) ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    set: (target, key, value) => Reflect.set(target, key, value, target),
  });
}

/** Walks what the SDK will freeze (own properties, recursively), materializing each zod schema's members. */
function settle(roots: object[]): number {
  const seen = new Set<object>();
  const stack = [...roots];
  while (stack.length) {
    const obj = stack.pop()!;
    if (seen.has(obj)) continue;
    seen.add(obj);
    // A schema instance owns `_zod` (its prototypes do not: materializing one would bind its
    // methods to the prototype for every schema); its internals object has lazy members too.
    if (Object.hasOwn(obj, '_zod')) {
      materialize(obj);
      materialize((obj as { _zod: object })._zod);
    }
    // As the SDK's freeze: into objects, not into functions (a frozen function keeps working).
    // Read as the freeze reads (a module's exports are getters), accessors included.
    for (const key of Reflect.ownKeys(obj)) {
      let v: unknown;
      try {
        v = Reflect.get(obj, key);
      } catch {
        continue;
      }
      if (v instanceof RegExp) {
        const d = Reflect.getOwnPropertyDescriptor(obj, key);
        if (d && 'value' in d && d.writable) Reflect.set(obj, key, unfreezable(v));
      } else if (v && typeof v === 'object') stack.push(v);
    }
  }
  return seen.size;
}

/** How many objects were walked: exported so the bundler keeps this module's work. */
export const settled = settle(MODULES);
