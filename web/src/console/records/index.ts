// Contact records, cases and escalations in the staff console. Other parts of the console import from
// here: the contact form (the chat workspace records its conversations with it), the taxonomies hook,
// the routes and the navigation links.
export { ContactForm, type ContactFormProps } from './contact-form.tsx';
export { EscalationForm } from './escalation-form.tsx';
export { invalidatePartners, usePartners } from './partners.ts';
export { recordRoutes } from './routes.tsx';
export { RecordNavItems, RecordTiles } from './sections.tsx';
export { codeLabel, invalidateTaxonomies, optionGroups, useTaxonomies } from './taxonomies.ts';
