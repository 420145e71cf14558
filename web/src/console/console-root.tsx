// The console's own router: react-router is loaded with the console only (the public site has a tiny
// router of its own, ui/public-router.tsx). main.tsx renders this for addresses under /console.
import { useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import ConsoleApp from './console-app.tsx';

export default function ConsoleRoot() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/console/*" element={<ConsoleApp />} />
        <Route path="*" element={<LeaveConsole />} />
      </Routes>
    </BrowserRouter>
  );
}

/** A link from the console to a public page: load that page afresh, with the public site's code. */
function LeaveConsole() {
  useEffect(() => {
    window.location.reload();
  }, []);
  return null;
}
