// The hotline analysts' console: the triage queue, an item with its reports, screenshots (blurred until
// revealed one at a time), hosting, assessment, actions (PHAROS, foreign hotlines, DSA notices) and removal
// follow-up; the IP-range table of the hosting lookup and the foreign hotlines directory; and the editor of
// settings.hotline.
export { HotlineSettingsEditor } from './hotline-settings-editor.tsx';
export { hotlineRoutes } from './routes.tsx';
export { HotlineNavItems } from './sections.tsx';
