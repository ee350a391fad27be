// Advisory sessions proposed for new coordinator terms (the console's workshops page).
export const advisoryEn = {
  'advisory.title': 'Advisory sessions to schedule',
  'advisory.intro':
    "Proposed when a cluster's coordinator term starts. Schedule each as an advisory session, or dismiss it; you are reminded at the due date otherwise.",
  'advisory.cluster': 'Cluster',
  'advisory.termStart': 'Term started',
  'advisory.dueBy': 'Hold by',
  'advisory.actions': 'Actions',
  'advisory.schedule': 'Schedule',
  'advisory.scheduleFor': 'Schedule the advisory session of {cluster}',
  'advisory.dismiss': 'Dismiss',
  'advisory.dismissFor': 'Dismiss the advisory session of {cluster}',
  'advisory.dismissed': 'Proposal dismissed',
  'advisory.defaultTitle': '{cluster} advisory session for the new coordinators',
  'advisory.none': 'No advisory session is waiting to be scheduled',
} as const;
