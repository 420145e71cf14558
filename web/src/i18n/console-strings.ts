// Imported by the staff console before it renders: its strings are not in the public entry chunk.
// The top-level await holds the console's lazy chunk until they are loaded, so nothing shows a raw key.
import { currentLanguage, loadConsoleStrings } from './index.ts';

await loadConsoleStrings(currentLanguage()).catch(() => {
  // Offline or the chunk failed: the console shows keys rather than not at all; a reload fixes it.
});
